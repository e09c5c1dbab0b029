using System.Collections.Concurrent;
using Prometheus;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>
/// Every Prometheus metric of the proxy, in a private registry. Counter names are the RFC 4673 (DAS, per client:
/// radiusDynAuthServ…) and RFC 4672 (DAC, per NAS: radiusDynAuthClient…) MIB object names, so operators can map
/// them onto the RFCs; proxy-only figures are prefixed radiusDynAuthProxy. Labels: client, nas, error_cause, reason.
/// </summary>
public sealed class ProxyMetrics
{
    private static readonly string[] s_client = ["client"];
    private static readonly string[] s_clientCause = ["client", "error_cause"];
    private static readonly string[] s_clientReason = ["client", "reason"];
    private static readonly string[] s_nas = ["nas"];
    private static readonly string[] s_nasCause = ["nas", "error_cause"];

    private readonly ConcurrentDictionary<string, NasMetrics> _nases = new(StringComparer.Ordinal);

    public ProxyMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        // Process and GC figures (dotnet_collection_count_total, process_working_set_bytes) for soak runs and operators.
        Prometheus.DotNetStats.Register(Registry);
        MetricFactory f = Prometheus.Metrics.WithCustomRegistry(Registry);

        InvalidClientAddresses = f.CreateCounter("radiusDynAuthServInvalidClientAddresses", "Requests from addresses that are no configured client.");
        UnknownTypes = f.CreateCounter("radiusDynAuthServUnknownTypes", "Packets of a code other than Disconnect-Request (40) or CoA-Request (43).", s_client);
        DisconRequests = f.CreateCounter("radiusDynAuthServDisconRequests", "Authentic Disconnect-Requests received (retransmissions included).", s_client);
        CoaRequests = f.CreateCounter("radiusDynAuthServCoARequests", "Authentic CoA-Requests received (retransmissions included).", s_client);
        DupDisconRequests = f.CreateCounter("radiusDynAuthServDupDisconRequests", "Retransmitted Disconnect-Requests (answered from the duplicate cache or discarded while in progress).", s_client);
        DupCoaRequests = f.CreateCounter("radiusDynAuthServDupCoARequests", "Retransmitted CoA-Requests.", s_client);
        DisconAcks = f.CreateCounter("radiusDynAuthServDisconAcks", "Disconnect-ACKs sent.", s_client);
        CoaAcks = f.CreateCounter("radiusDynAuthServCoAAcks", "CoA-ACKs sent.", s_client);
        DisconNaks = f.CreateCounter("radiusDynAuthServDisconNaks", "Disconnect-NAKs sent, by Error-Cause.", s_clientCause);
        CoaNaks = f.CreateCounter("radiusDynAuthServCoANaks", "CoA-NAKs sent, by Error-Cause.", s_clientCause);
        DisconBadAuthenticators = f.CreateCounter("radiusDynAuthServDisconBadAuthenticators", "Disconnect-Requests with a bad Request Authenticator or Message-Authenticator.", s_client);
        CoaBadAuthenticators = f.CreateCounter("radiusDynAuthServCoABadAuthenticators", "CoA-Requests with a bad Request Authenticator or Message-Authenticator.", s_client);
        MalformedDisconRequests = f.CreateCounter("radiusDynAuthServMalformedDisconRequests", "Malformed Disconnect-Requests.", s_client);
        MalformedCoaRequests = f.CreateCounter("radiusDynAuthServMalformedCoARequests", "Malformed CoA-Requests.", s_client);
        DisconPacketsDropped = f.CreateCounter("radiusDynAuthServDisconPacketsDropped", "Disconnect-Requests silently discarded, by reason.", s_clientReason);
        CoaPacketsDropped = f.CreateCounter("radiusDynAuthServCoAPacketsDropped", "CoA-Requests silently discarded, by reason.", s_clientReason);

        NasDisconRequests = f.CreateCounter("radiusDynAuthClientDisconRequests", "Disconnect requests handed to a NAS driver.", s_nas);
        NasCoaRequests = f.CreateCounter("radiusDynAuthClientCoARequests", "CoA requests handed to a NAS driver.", s_nas);
        NasDisconAcks = f.CreateCounter("radiusDynAuthClientDisconAcks", "Disconnects the NAS carried out.", s_nas);
        NasCoaAcks = f.CreateCounter("radiusDynAuthClientCoAAcks", "CoAs the NAS carried out.", s_nas);
        NasDisconNaks = f.CreateCounter("radiusDynAuthClientDisconNaks", "Disconnects the NAS refused or failed, by Error-Cause.", s_nasCause);
        NasCoaNaks = f.CreateCounter("radiusDynAuthClientCoANaks", "CoAs the NAS refused or failed, by Error-Cause.", s_nasCause);
        NasTimeouts = f.CreateCounter("radiusDynAuthClientTimeouts", "Requests the NAS did not complete before the deadline.", s_nas);
        NasDisconRetransmissions = f.CreateCounter("radiusDynAuthClientDisconRetransmissions", "Disconnect-Request retransmissions toward the NAS (RFC 5080).", s_nas);
        NasCoaRetransmissions = f.CreateCounter("radiusDynAuthClientCoARetransmissions", "CoA-Request retransmissions toward the NAS (RFC 5080).", s_nas);

        RequestDuration = f.CreateHistogram("radiusDynAuthProxyRequestDurationSeconds", "Time from receiving a new authentic request to sending its answer.", ["code"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        DuplicateCacheEvictions = f.CreateCounter("radiusDynAuthProxyDuplicateCacheEvictions", "Duplicate-cache entries evicted by the size bound before they expired.");
        DuplicateCacheEntries = f.CreateGauge("radiusDynAuthProxyDuplicateCacheEntries", "Requests remembered for retransmission detection.");
        PendingRequests = f.CreateGauge("radiusDynAuthProxyPendingRequests", "Authentic requests being worked on (bounded by max_pending).");
        AuditEventsDropped = f.CreateCounter("radiusDynAuthProxyAuditEventsDropped", "Audit events lost because the audit queue was full.");
    }

    /// <summary>The registry the metrics endpoint exports.</summary>
    public CollectorRegistry Registry { get; }

    internal Counter InvalidClientAddresses { get; }
    internal Counter UnknownTypes { get; }
    internal Counter DisconRequests { get; }
    internal Counter CoaRequests { get; }
    internal Counter DupDisconRequests { get; }
    internal Counter DupCoaRequests { get; }
    internal Counter DisconAcks { get; }
    internal Counter CoaAcks { get; }
    internal Counter DisconNaks { get; }
    internal Counter CoaNaks { get; }
    internal Counter DisconBadAuthenticators { get; }
    internal Counter CoaBadAuthenticators { get; }
    internal Counter MalformedDisconRequests { get; }
    internal Counter MalformedCoaRequests { get; }
    internal Counter DisconPacketsDropped { get; }
    internal Counter CoaPacketsDropped { get; }
    internal Counter NasDisconRequests { get; }
    internal Counter NasCoaRequests { get; }
    internal Counter NasDisconAcks { get; }
    internal Counter NasCoaAcks { get; }
    internal Counter NasDisconNaks { get; }
    internal Counter NasCoaNaks { get; }
    internal Counter NasTimeouts { get; }
    internal Counter NasDisconRetransmissions { get; }
    internal Counter NasCoaRetransmissions { get; }
    internal Histogram RequestDuration { get; }
    internal Counter DuplicateCacheEvictions { get; }
    internal Gauge DuplicateCacheEntries { get; }
    internal Gauge PendingRequests { get; }
    internal Counter AuditEventsDropped { get; }

    internal ClientMetrics ForClient(string client) => new(this, client);

    /// <summary>The counters of one NAS (created on first use; NASes may come from the database at run time).</summary>
    public NasMetrics ForNas(string nas) => _nases.GetOrAdd(nas, static (name, self) => new NasMetrics(self, name), this);
}
