namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>The driver tests with the proxy as a client of a real mosquitto (<c>mqtt { mode = external }</c>).</summary>
public sealed class CoovaDriverMosquittoTests() : CoovaDriverBrokerTests(BrokerKind.Mosquitto);
