namespace RadiusDisconnectProxy.Tests.Coova;

public enum BrokerKind
{
    /// <summary>A private mosquitto; the proxy uses <c>mqtt { mode = external }</c>.</summary>
    Mosquitto,

    /// <summary>The proxy's own MQTTnet broker, <c>mqtt { mode = embedded }</c>.</summary>
    Embedded,
}
