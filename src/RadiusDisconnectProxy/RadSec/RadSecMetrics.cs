using Prometheus;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The RadSec listener's own figures, in the proxy's registry. Requests, answers and drops of RadSec clients are the
/// same per-client counters as UDP's (docs/operations.md); these add the connection layer.
/// </summary>
internal sealed class RadSecMetrics
{
    public RadSecMetrics(ProxyMetrics metrics)
    {
        MetricFactory f = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        Connections = f.CreateGauge("radiusDynAuthProxyRadSecConnections", "Open RadSec connections, by client.", ["client"]);
        Refused = f.CreateCounter("radiusDynAuthProxyRadSecConnectionsRefused",
            "RadSec connections closed before any request: unknown_client, connection_limit, handshake, certificate, alpn.", ["reason"]);
        StatusServers = f.CreateCounter("radiusDynAuthProxyRadSecStatusServerAnswered", "Status-Server keepalives answered (RFC 5997) over RadSec.", ["client"]);
        FramingErrors = f.CreateCounter("radiusDynAuthProxyRadSecFramingErrors", "RadSec connections closed for a Length field outside 20–4096 (RFC 6613).");
    }

    public Gauge Connections { get; }

    public Counter Refused { get; }

    public Counter StatusServers { get; }

    public Counter FramingErrors { get; }
}
