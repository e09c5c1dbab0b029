using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Applies a reloaded <c>mqtt</c> section (docs/operations.md, "Reload"): <c>reply_timeout</c> for new requests, and the
/// broker settings through the transport. A changed <c>mode</c> needs another transport, so it waits for a restart
/// (the reloader logs it); until then the running section stays as it is.
/// </summary>
internal sealed class MqttReloader(LiveMqttOptions live, IMqttCommandTransport transport) : IReloadableSection
{
    public void Apply(ProxyOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        MqttOptions running = live.Current;
        if (next.Mqtt.Mode != running.Mode || next.Mqtt == running)
        {
            return;
        }

        (transport as IMqttReconfigurable)?.Reconfigure(next.Mqtt);
        live.Set(next.Mqtt);
    }
}
