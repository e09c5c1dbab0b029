using System.Collections.Concurrent;
using Prometheus;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>
/// Every Prometheus metric of the proxy, in a private registry: <c>radproxy_das_…</c> per client (the proxy as the DAS,
/// RFC 4673), <c>radproxy_dac_…</c> per NAS (the proxy as the DAC, RFC 4672), <c>radproxy_…</c> for proxy-only figures.
/// Labels: client, nas, error_cause, reason, code.
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

        // Prometheus conventions (snake_case, _total on counters, seconds); each help text names the RFC 4673 (DAS MIB,
        // per client) or RFC 4672 (DAC MIB, per NAS) object it corresponds to. docs/operations.md lists them.
        InvalidClientAddresses = f.CreateCounter("radproxy_das_invalid_client_addresses_total", "Datagrams from addresses that are no configured client (RFC 4673 radiusDynAuthServInvalidClientAddresses).");
        UnknownTypes = f.CreateCounter("radproxy_das_unknown_types_total", "Packets of a code other than Disconnect-Request (40), CoA-Request (43) or Status-Server (12) (RFC 4673 radiusDynAuthServUnknownTypes).", s_client);
        DisconRequests = f.CreateCounter("radproxy_das_disconnect_requests_total", "Authentic Disconnect-Requests received, retransmissions included (RFC 4673 radiusDynAuthServDisconRequests).", s_client);
        CoaRequests = f.CreateCounter("radproxy_das_coa_requests_total", "Authentic CoA-Requests received, retransmissions included (RFC 4673 radiusDynAuthServCoARequests).", s_client);
        DupDisconRequests = f.CreateCounter("radproxy_das_dup_disconnect_requests_total", "Retransmitted Disconnect-Requests, answered from the duplicate cache or discarded while in progress (RFC 4673 radiusDynAuthServDupDisconRequests).", s_client);
        DupCoaRequests = f.CreateCounter("radproxy_das_dup_coa_requests_total", "Retransmitted CoA-Requests (RFC 4673 radiusDynAuthServDupCoARequests).", s_client);
        DisconAcks = f.CreateCounter("radproxy_das_disconnect_acks_total", "Disconnect-ACKs sent (RFC 4673 radiusDynAuthServDisconAcks).", s_client);
        CoaAcks = f.CreateCounter("radproxy_das_coa_acks_total", "CoA-ACKs sent in answer to CoA-Requests (RFC 4673 radiusDynAuthServCoAAcks).", s_client);
        DisconNaks = f.CreateCounter("radproxy_das_disconnect_naks_total", "Disconnect-NAKs sent, by Error-Cause (RFC 4673 radiusDynAuthServDisconNaks).", s_clientCause);
        CoaNaks = f.CreateCounter("radproxy_das_coa_naks_total", "CoA-NAKs sent, by Error-Cause (RFC 4673 radiusDynAuthServCoANaks).", s_clientCause);
        DisconBadAuthenticators = f.CreateCounter("radproxy_das_disconnect_bad_authenticators_total", "Disconnect-Requests with a bad Request Authenticator or Message-Authenticator (RFC 4673 radiusDynAuthServDisconBadAuthenticators).", s_client);
        CoaBadAuthenticators = f.CreateCounter("radproxy_das_coa_bad_authenticators_total", "CoA-Requests with a bad Request Authenticator or Message-Authenticator (RFC 4673 radiusDynAuthServCoABadAuthenticators).", s_client);
        MalformedDisconRequests = f.CreateCounter("radproxy_das_malformed_disconnect_requests_total", "Malformed Disconnect-Requests (RFC 4673 radiusDynAuthServMalformedDisconRequests).", s_client);
        MalformedCoaRequests = f.CreateCounter("radproxy_das_malformed_coa_requests_total", "Malformed CoA-Requests (RFC 4673 radiusDynAuthServMalformedCoARequests).", s_client);
        DisconPacketsDropped = f.CreateCounter("radproxy_das_disconnect_packets_dropped_total", "Disconnect-Requests silently discarded, by reason (RFC 4673 radiusDynAuthServDisconPacketsDropped).", s_clientReason);
        CoaPacketsDropped = f.CreateCounter("radproxy_das_coa_packets_dropped_total", "CoA-Requests silently discarded, by reason (RFC 4673 radiusDynAuthServCoAPacketsDropped).", s_clientReason);
        StatusServerRequests = f.CreateCounter("radproxy_das_status_server_requests_total", "Status-Server probes (RFC 5997) answered with CoA-ACK (no RFC 4673 counter; RFC 5997 §3).", s_client);
        StatusServerDropped = f.CreateCounter("radproxy_das_status_server_dropped_total", "Status-Server probes silently discarded (Message-Authenticator missing or wrong, malformed), by reason (no RFC 4673 counter).", s_clientReason);

        NasDisconRequests = f.CreateCounter("radproxy_dac_disconnect_requests_total", "Disconnect requests handed to a NAS driver (RFC 4672 radiusDynAuthClientDisconRequests).", s_nas);
        NasCoaRequests = f.CreateCounter("radproxy_dac_coa_requests_total", "CoA requests handed to a NAS driver (RFC 4672 radiusDynAuthClientCoARequests).", s_nas);
        NasDisconAcks = f.CreateCounter("radproxy_dac_disconnect_acks_total", "Disconnects the NAS carried out (RFC 4672 radiusDynAuthClientDisconAcks).", s_nas);
        NasCoaAcks = f.CreateCounter("radproxy_dac_coa_acks_total", "CoAs the NAS carried out (RFC 4672 radiusDynAuthClientCoAAcks).", s_nas);
        NasDisconNaks = f.CreateCounter("radproxy_dac_disconnect_naks_total", "Disconnects the NAS refused or failed, by Error-Cause (RFC 4672 radiusDynAuthClientDisconNaks).", s_nasCause);
        NasCoaNaks = f.CreateCounter("radproxy_dac_coa_naks_total", "CoAs the NAS refused or failed, by Error-Cause (RFC 4672 radiusDynAuthClientCoANaks).", s_nasCause);
        NasTimeouts = f.CreateCounter("radproxy_dac_timeouts_total", "Requests the NAS did not complete before the deadline (RFC 4672 radiusDynAuthClientTimeouts).", s_nas);
        NasDisconRetransmissions = f.CreateCounter("radproxy_dac_disconnect_retransmissions_total", "Disconnect-Request retransmissions toward the NAS, RFC 5080 (RFC 4672 radiusDynAuthClientDisconRetransmissions).", s_nas);
        NasCoaRetransmissions = f.CreateCounter("radproxy_dac_coa_retransmissions_total", "CoA-Request retransmissions toward the NAS, RFC 5080 (RFC 4672 radiusDynAuthClientCoARetransmissions).", s_nas);

        RequestDuration = f.CreateHistogram("radproxy_request_duration_seconds", "Time from receiving a new authentic request to sending its answer (no RFC 4673 counter; compare radiusDynAuthClientRoundTripTime of RFC 4672).", ["code"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        DuplicateCacheEvictions = f.CreateCounter("radproxy_duplicate_cache_evictions_total", "Duplicate-cache entries evicted by the size bound before they expired (no RFC 4673 counter).");
        DuplicateCacheEntries = f.CreateGauge("radproxy_duplicate_cache_entries", "Requests remembered for retransmission detection (no RFC 4673 counter).");
        PendingRequests = f.CreateGauge("radproxy_pending_requests", "Authentic requests being worked on, bounded by max_pending (no RFC 4673 counter).");
        AuditEventsDropped = f.CreateCounter("radproxy_audit_events_dropped_total", "Audit events lost because the audit queue was full (no RFC 4673 counter).");
        ConfigReloads = f.CreateCounter("radproxy_config_reloads_total", "SIGHUP reloads of radius.conf, by result (applied | rejected) (no RFC 4673 counter).", ["result"]);
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
    internal Counter StatusServerRequests { get; }
    internal Counter StatusServerDropped { get; }

    /// <summary>SIGHUP reloads by result label (applied | rejected).</summary>
    public Counter ConfigReloads { get; }

    internal ClientMetrics ForClient(string client) => new(this, client);

    /// <summary>The counters of one NAS (created on first use; NASes may come from the database at run time).</summary>
    public NasMetrics ForNas(string nas) => _nases.GetOrAdd(nas, static (name, self) => new NasMetrics(self, name), this);
}
