using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Drivers.Coova;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>radius.conf.example validates as shipped, uses every section, and never points off the machine.</summary>
public class ExampleConfigTests
{
    public static string ExamplePath { get; } = FindExample();

    [Fact]
    public void Example_Validates_WithoutWarnings()
    {
        ProxyOptions options = ProxyOptionsLoader.Load(ExamplePath, NasTypes.Builtin.All, environment: new Dictionary<string, string>());

        Assert.Empty(options.Warnings);
        ClientOptions local = Assert.Single(options.Clients);
        Assert.Equal(("local", "testing123"), (local.Name, local.Secret));
        Assert.Contains(IPNetwork.Parse("127.0.0.1/32"), local.Networks);
        Assert.Equal(3799, options.Listen.Port);
        Assert.Equal(MqttMode.Embedded, options.Mqtt.Mode);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(options.Mqtt.Server)));
        Assert.Null(options.RadiusDesk);
        Assert.NotNull(options.MetricsListen);
    }

    [Fact]
    public void Example_HasOneNasOfEachKind_AllOnLoopback()
    {
        ProxyOptions options = ProxyOptionsLoader.Load(ExamplePath, NasTypes.Builtin.All, environment: new Dictionary<string, string>());

        Assert.All(options.Listen.Addresses, a => Assert.True(IPAddress.IsLoopback(a)));
        Assert.All(options.Nases.SelectMany(n => n.Addresses), a => Assert.True(IPAddress.IsLoopback(a)));
        Assert.Contains(options.Nases, n => n.Settings is CoovaNasSettings { Nodes.Count: > 0 } && n.NasIdentifier == "mcp_12");
        Assert.Contains(options.Nases, n => n.Settings is CoovaNasSettings { AccessPoint.ApId: 7 } && n.NasIdentifier == "ap_7_cp_3");
        Assert.Contains(options.Nases, n => n.Settings is MikrotikNasSettings m && IPAddress.IsLoopback(IPAddress.Parse(m.ApiHost)));
        Assert.Contains(options.Nases, n => n.Settings is ForwardingNasSettings f && IPAddress.IsLoopback(f.CoaEndpoint.Address));
    }

    [Fact]
    public void Example_MentionsEveryKeyOfTheDesign()
    {
        string text = File.ReadAllText(ExamplePath);
        string[] keys =
        [
            "listen", "ipaddr", "port", "dictionary", "dir", "security", "require_message_authenticator",
            "response_message_authenticator", "event_timestamp_window", "require_event_timestamp", "duplicate_window",
            "duplicate_cache_size", "max_pending", "client", "secret", "metrics", "audit", "enabled", "mqtt", "mode",
            "server", "username", "password", "tls", "reply_timeout", "radiusdesk", "connection_string", "cache_ttl",
            "record_actions", "verify", "verify_timeout", "nas", "type", "nasidentifier", "node", "mac", "mesh_id",
            "api_host", "api_port", "api_tls", "api_tls_fingerprint", "api_username", "api_password", "remove_cookies",
            "multiple_sessions", "coa_port", "strip_proxy_state", "accept_zeroed_message_authenticator", "irt", "mrc", "mrt", "mrd",
            "admin", "password_hash", "tls_certificate", "tls_key",
        ];

        Assert.All(keys, key => Assert.Matches($@"(^|[\s{{#]){key}( =| \{{| [A-Za-z0-9]+ \{{)", text));
    }

    private static string FindExample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "radius.conf.example");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "RadiusDisconnectProxy.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("radius.conf.example not found above " + AppContext.BaseDirectory);
    }
}
