using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>Option records print themselves when logged or interpolated: no secret may appear in that text.</summary>
public sealed class OptionsRedactionTests
{
    [Fact]
    public void ToString_NeverShowsSecretsOrPasswords()
    {
        var client = new ClientOptions
        {
            Name = "dac",
            Networks = [IPNetwork.Parse("127.0.0.1/32")],
            Secret = "client-secret-1",
            Security = new SecurityOptions(),
        };
        var mikrotik = new MikrotikNasSettings
        {
            ApiHost = "127.0.0.2",
            ApiUsername = "rdproxy",
            ApiPassword = "api-password-2",
            Secret = "coa-secret-3",
            CoaEndpoint = new IPEndPoint(IPAddress.Loopback, 3799),
        };
        var forwarding = new ForwardingNasSettings { CoaEndpoint = new IPEndPoint(IPAddress.Loopback, 3800), Secret = "nas-secret-4" };
        var options = new ProxyOptions
        {
            Clients = [client],
            Mqtt = new MqttOptions { Mode = MqttMode.External, Username = "u", Password = "mqtt-password-5" },
            RadiusDesk = new RadiusDeskOptions { ConnectionString = "Server=127.0.0.1;Password=db-password-6" },
            Nases =
            [
                new NasTarget { Name = "mt", Type = "Mikrotik-API", Settings = mikrotik },
                new NasTarget { Name = "bras", Type = "other", Settings = forwarding },
            ],
        };

        string text = string.Join("\n", client, mikrotik, forwarding, options.Mqtt, options.RadiusDesk, options.Nases[0], options.Nases[1]);

        Assert.Contains("rdproxy", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        foreach (string secret in new[] { "client-secret-1", "api-password-2", "coa-secret-3", "nas-secret-4", "mqtt-password-5", "db-password-6" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
