using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

public class NasRegistryTests
{
    private readonly NasRegistry _registry = new(
    [
        TestOptions.Nas("mesh12", "mcp_12", addresses: "192.0.2.1"),
        TestOptions.Nas("hq", "hq", addresses: ["192.0.2.2", "2001:db8::2"]),
    ]);

    [Fact]
    public void MatchesNasIdentifierThenNasIpAddressThenNasIpv6Address()
    {
        Assert.True(_registry.TryFind("mcp_12", null, null, out NasTarget nas));
        Assert.Equal("mesh12", nas.Name);
        Assert.True(_registry.TryFind(null, IPAddress.Parse("192.0.2.2"), null, out nas));
        Assert.Equal("hq", nas.Name);
        Assert.True(_registry.TryFind(null, null, IPAddress.Parse("2001:db8::2"), out nas));
        Assert.Equal("hq", nas.Name);
        Assert.True(_registry.TryFind("mcp_12", IPAddress.Parse("192.0.2.2"), null, out nas));
        Assert.Equal("mesh12", nas.Name);
        Assert.True(_registry.TryFind("unknown", IPAddress.Parse("192.0.2.2"), null, out nas));
        Assert.Equal("hq", nas.Name);
    }

    [Fact]
    public void NoMatch()
    {
        Assert.False(_registry.TryFind("MCP_12", null, null, out _));
        Assert.False(_registry.TryFind(null, IPAddress.Parse("192.0.2.9"), IPAddress.Parse("2001:db8::9"), out _));
        Assert.False(_registry.TryFind(null, null, null, out _));
    }
}
