using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Tests.Pipeline;

public class ClientRegistryTests
{
    private static ClientOptions Client(string name, params string[] networks) => new()
    {
        Name = name,
        Networks = [.. networks.Select(IPNetwork.Parse)],
        Secret = name + "-secret",
        Security = new SecurityOptions(),
    };

    private static ClientRegistry Registry(params ClientOptions[] clients) =>
        new(new ProxyOptions { Clients = clients }, new ProxyMetrics());

    private static string? Find(ClientRegistry registry, string address) =>
        registry.Find(SourceAddress.ToUInt128(IPAddress.Parse(address)))?.Name;

    [Fact]
    public void MatchesAddressesAndPrefixes_MostSpecificFirst()
    {
        ClientRegistry registry = Registry(Client("net", "10.0.0.0/8"), Client("host", "10.1.2.3/32"), Client("v6", "2001:db8::/32"));
        Assert.Equal("host", Find(registry, "10.1.2.3"));
        Assert.Equal("net", Find(registry, "10.200.0.1"));
        Assert.Equal("v6", Find(registry, "2001:db8:1::5"));
        Assert.Null(Find(registry, "192.0.2.1"));
        Assert.Null(Find(registry, "2001:db9::1"));
    }

    [Fact]
    public void IPv4MappedSourceOfADualModeSocket_MatchesTheIPv4Entry()
    {
        ClientRegistry registry = Registry(Client("local", "127.0.0.1/32"));
        Assert.Equal("local", Find(registry, "::ffff:127.0.0.1"));
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 5000).Serialize();
        Assert.True(SourceAddress.TryRead(mapped, out SourceAddress source));
        Assert.Equal("local", registry.Find(source.Address)?.Name);
        Assert.Equal(IPAddress.Loopback, source.ToIPAddress());
        Assert.Equal(5000, source.Port);
    }

    [Fact]
    public void SourceAddress_ReadsIPv4AndIPv6SocketAddresses()
    {
        Assert.True(SourceAddress.TryRead(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 3799).Serialize(), out SourceAddress v4));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 3799), v4.ToEndPoint());
        Assert.True(SourceAddress.TryRead(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 1812).Serialize(), out SourceAddress v6));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 1812), v6.ToEndPoint());
    }

    [Theory]
    [InlineData(RequireMessageAuthenticator.Yes, true, true)]
    [InlineData(RequireMessageAuthenticator.No, false, false)]
    [InlineData(RequireMessageAuthenticator.Auto, false, true)]
    public void MessageAuthenticatorRequirement(RequireMessageAuthenticator mode, bool before, bool afterAValidOne)
    {
        var options = Client("c", "127.0.0.1/32") with { Security = new SecurityOptions { RequireMessageAuthenticator = mode } };
        var client = new RadiusClient(options, new ProxyMetrics().ForClient("c"));
        Assert.Equal(before, client.RequiresMessageAuthenticator);
        Assert.Equal(mode == RequireMessageAuthenticator.Auto, client.NoteValidMessageAuthenticator());
        Assert.False(client.NoteValidMessageAuthenticator());
        Assert.Equal(afterAValidOne, client.RequiresMessageAuthenticator);
    }

    [Fact]
    public void SecretIsNeverPrinted()
    {
        var client = new RadiusClient(Client("c", "127.0.0.1/32"), new ProxyMetrics().ForClient("c"));
        Assert.DoesNotContain("secret", client.Secret.ToString(), StringComparison.Ordinal);
        Assert.Equal("c", client.ToString());
    }
}
