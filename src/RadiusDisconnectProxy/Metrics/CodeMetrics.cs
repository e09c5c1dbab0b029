using System.Collections.Concurrent;
using Prometheus;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>
/// The RFC 4673 DAS counters of one client for one request code (Disconnect or CoA), resolved once so counting on
/// the fast path is one interlocked add.
/// </summary>
internal sealed class CodeMetrics
{
    private readonly Counter _naks;
    private readonly string _client;
    private readonly ConcurrentDictionary<uint, Counter.Child> _naksByCause = new();
    private readonly Counter.Child[] _dropped;

    public CodeMetrics(ProxyMetrics metrics, string client, bool disconnect)
    {
        _client = client;
        Requests = (disconnect ? metrics.DisconRequests : metrics.CoaRequests).WithLabels(client);
        Duplicates = (disconnect ? metrics.DupDisconRequests : metrics.DupCoaRequests).WithLabels(client);
        Acks = (disconnect ? metrics.DisconAcks : metrics.CoaAcks).WithLabels(client);
        BadAuthenticators = (disconnect ? metrics.DisconBadAuthenticators : metrics.CoaBadAuthenticators).WithLabels(client);
        Malformed = (disconnect ? metrics.MalformedDisconRequests : metrics.MalformedCoaRequests).WithLabels(client);
        Counter dropped = disconnect ? metrics.DisconPacketsDropped : metrics.CoaPacketsDropped;
        _dropped = new Counter.Child[DropReasonNames.Count];
        for (int i = 0; i < _dropped.Length; i++)
        {
            _dropped[i] = dropped.WithLabels(client, ((DropReason)i).ToLabel());
        }

        _naks = disconnect ? metrics.DisconNaks : metrics.CoaNaks;
        Latency = metrics.RequestDuration.WithLabels(disconnect ? "disconnect" : "coa");
    }

    public Counter.Child Requests { get; }
    public Counter.Child Duplicates { get; }
    public Counter.Child Acks { get; }
    public Counter.Child BadAuthenticators { get; }
    public Counter.Child Malformed { get; }
    public Histogram.Child Latency { get; }

    public void Dropped(DropReason reason) => _dropped[(int)reason].Inc();

    public void Nak(ErrorCause? cause) =>
        _naksByCause.GetOrAdd(cause is { } c ? (uint)c : 0u, static (value, self) => self._naks.WithLabels(self._client, value == 0 ? "none" : value.ToString(System.Globalization.CultureInfo.InvariantCulture)), this).Inc();
}
