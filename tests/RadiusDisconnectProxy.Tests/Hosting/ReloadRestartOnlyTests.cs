using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting.Reload;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// Which mqtt/radiusdesk changes a reload logs as needing a restart (docs/operations.md, "Reload"): only those that need
/// another transport, socket or service graph; the rest applies live.
/// </summary>
public sealed class ReloadRestartOnlyTests
{
    private static readonly MqttOptions s_external = new()
    {
        Mode = MqttMode.External, Server = "broker-a.example", Port = 1883, Username = "proxy", Password = "a", ReplyTimeout = TimeSpan.FromSeconds(5),
    };

    private static readonly MqttOptions s_embedded = new() { Mode = MqttMode.Embedded, Server = "127.0.0.1", Port = 1883, Username = "nodes", Password = "n" };

    private static readonly RadiusDeskOptions s_database = new() { ConnectionString = "Server=db-a;Database=rd;User ID=u;Password=p" };

    private static IEnumerable<string> Changes(ProxyOptions running, ProxyOptions next) => ConfigReloader.RestartOnlyChanges(running, next);

    [Fact]
    public void External_BrokerLoginTlsReplyTimeout_ApplyLive()
    {
        var running = new ProxyOptions { Mqtt = s_external };
        var next = new ProxyOptions
        {
            Mqtt = s_external with { Server = "broker-b.example", Port = 8883, Tls = true, Username = "other", Password = "b", ReplyTimeout = TimeSpan.FromSeconds(9) },
        };

        Assert.Empty(Changes(running, next));
    }

    [Fact]
    public void Embedded_LoginAndReplyTimeout_ApplyLive_BindPortAndTlsFilesNeedARestart()
    {
        var running = new ProxyOptions { Mqtt = s_embedded };

        Assert.Empty(Changes(running, new ProxyOptions { Mqtt = s_embedded with { Password = "new", ReplyTimeout = TimeSpan.FromSeconds(2) } }));
        Assert.Single(Changes(running, new ProxyOptions { Mqtt = s_embedded with { Port = 1884 } }), "mqtt server, port or tls_certificate/tls_key of the embedded broker");
        Assert.Single(Changes(running, new ProxyOptions { Mqtt = s_embedded with { TlsCertificate = "b.crt", TlsKey = "b.key" } }));
    }

    [Fact]
    public void ModeChange_NeedsARestart()
    {
        Assert.Single(Changes(new ProxyOptions { Mqtt = s_embedded }, new ProxyOptions { Mqtt = s_external }), "mqtt mode");
        Assert.Single(Changes(new ProxyOptions(), new ProxyOptions { Mqtt = s_external }), "mqtt mode");
    }

    [Fact]
    public void RadiusDesk_EveryKeyAppliesLive_AddingOrRemovingTheSectionNeedsARestart()
    {
        var running = new ProxyOptions { RadiusDesk = s_database };
        var changed = new ProxyOptions
        {
            RadiusDesk = s_database with
            {
                ConnectionString = "Server=db-b;Database=rd2;User ID=u;Password=q", CacheTtl = TimeSpan.Zero, RecordActions = true,
                Verify = VerifyMode.Accounting, VerifyTimeout = TimeSpan.FromSeconds(3),
            },
        };

        Assert.Empty(Changes(running, changed));
        Assert.Single(Changes(running, new ProxyOptions()), "radiusdesk section (added or removed)");
        Assert.Single(Changes(new ProxyOptions(), running), "radiusdesk section (added or removed)");
    }
}
