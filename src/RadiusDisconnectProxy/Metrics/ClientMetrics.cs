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
    }

    public CodeMetrics Disconnect { get; }
    public CodeMetrics Coa { get; }
    public Counter.Child UnknownTypes { get; }

    public CodeMetrics For(RadiusCode code) => code == RadiusCode.DisconnectRequest ? Disconnect : Coa;
}
