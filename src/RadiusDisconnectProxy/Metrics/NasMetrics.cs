using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>One NAS's counters, named after the RFC 4672 DAC MIB (the proxy is the DAC toward the NAS).</summary>
public sealed class NasMetrics
{
    private readonly ProxyMetrics _metrics;
    private readonly string _nas;
    private readonly ConcurrentDictionary<(bool Disconnect, uint Cause), Counter.Child> _naks = new();

    internal NasMetrics(ProxyMetrics metrics, string nas)
    {
        _metrics = metrics;
        _nas = nas;
        DisconRequests = metrics.NasDisconRequests.WithLabels(nas);
        CoaRequests = metrics.NasCoaRequests.WithLabels(nas);
        DisconAcks = metrics.NasDisconAcks.WithLabels(nas);
        CoaAcks = metrics.NasCoaAcks.WithLabels(nas);
        Timeouts = metrics.NasTimeouts.WithLabels(nas);
        DisconRetransmissions = metrics.NasDisconRetransmissions.WithLabels(nas);
        CoaRetransmissions = metrics.NasCoaRetransmissions.WithLabels(nas);
    }

    public Counter.Child DisconRequests { get; }
    public Counter.Child CoaRequests { get; }
    public Counter.Child DisconAcks { get; }
    public Counter.Child CoaAcks { get; }

    /// <summary>radiusDynAuthClientTimeouts: the NAS (or its driver) did not answer in time.</summary>
    public Counter.Child Timeouts { get; }

    /// <summary>For the forwarding driver: RFC 5080 retransmissions toward the NAS.</summary>
    public Counter.Child DisconRetransmissions { get; }
    public Counter.Child CoaRetransmissions { get; }

    public void Nak(bool disconnect, ErrorCause? cause)
    {
        uint value = cause is { } c ? (uint)c : 0u;
        _naks.GetOrAdd((disconnect, value), static (key, self) =>
            (key.Disconnect ? self._metrics.NasDisconNaks : self._metrics.NasCoaNaks)
                .WithLabels(self._nas, key.Cause == 0 ? "none" : key.Cause.ToString(CultureInfo.InvariantCulture)), this).Inc();
    }
}
