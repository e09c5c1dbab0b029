using Prometheus;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>One client's counters (RFC 4673 radiusDynAuthClientTable row), pre-resolved at start-up.</summary>
internal sealed class ClientMetrics
{
    public ClientMetrics(ProxyMetrics metrics, string client)
    {
        Disconnect = new CodeMetrics(metrics, client, disconnect: true);
        Coa = new CodeMetrics(metrics, client, disconnect: false);
        UnknownTypes = metrics.UnknownTypes.WithLabels(client);
        StatusServer = metrics.StatusServerRequests.WithLabels(client);
        _statusServerDropped = metrics.StatusServerDropped;
        _client = client;
    }

    private readonly Counter _statusServerDropped;
    private readonly string _client;

    /// <summary>Status-Server probes answered (RFC 5997).</summary>
    public Counter.Child StatusServer { get; }

    /// <summary>A Status-Server probe discarded (rare: no pre-resolved children).</summary>
    public void StatusServerDropped(string reason) => _statusServerDropped.WithLabels(_client, reason).Inc();

    public CodeMetrics Disconnect { get; }
    public CodeMetrics Coa { get; }
    public Counter.Child UnknownTypes { get; }

    public CodeMetrics For(RadiusCode code) => code == RadiusCode.DisconnectRequest ? Disconnect : Coa;
}
