namespace RadiusDisconnectProxy.Tests.RadiusDesk;

/// <summary>Tests sharing the MariaDB server run one after another (some stop and restart it).</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDb";
}
