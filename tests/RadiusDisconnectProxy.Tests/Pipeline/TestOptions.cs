using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>A small configuration: client "local" on 127.0.0.1 (secret testing123) and NAS "nas1" of the test type.</summary>
internal static class TestOptions
{
    public const string Secret = "testing123";

    public static NasTarget Nas(string name = "nas1", string identifier = "nas1", string type = TestDriver.TypeName, params string[] addresses) => new()
    {
        Name = name,
        Type = type,
        NasIdentifier = identifier,
        Addresses = [.. addresses.Select(IPAddress.Parse)],
        Settings = new TestNasSettings(),
    };

    public static ProxyOptions Create(SecurityOptions? security = null, int port = 0, IReadOnlyList<NasTarget>? nases = null, string clientNetwork = "127.0.0.1/32")
    {
        security ??= new SecurityOptions();
        return new ProxyOptions
        {
            Listen = new ListenOptions { Addresses = [IPAddress.Loopback], Port = port },
            Security = security,
            Clients =
            [
                new ClientOptions { Name = "local", Networks = [IPNetwork.Parse(clientNetwork)], Secret = Secret, Security = security },
            ],
            Nases = nases ?? [Nas(addresses: "192.0.2.1")],
            AuditEnabled = true,
        };
    }
}
