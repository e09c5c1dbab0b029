namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>The driver tests with nodes connected to the proxy's embedded broker (<c>mqtt { mode = embedded }</c>).</summary>
public sealed class CoovaDriverEmbeddedBrokerTests() : CoovaDriverBrokerTests(BrokerKind.Embedded);
