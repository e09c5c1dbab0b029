namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// The broker-backed Coova tests run one class at a time: each starts brokers, node fleets and mosquitto_sub
/// processes, and timing assertions (NAK within the reply timeout) stay reliable on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CoovaCollection
{
    public const string Name = "Coova MQTT";
}
