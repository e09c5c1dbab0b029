using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Drivers.Coova;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Configuration;

public class ValidationTests
{
    [Fact]
    public void EmptyFile_GivesTheDesignDefaults_AndWarnsThatThereIsNoClient()
    {
        ProxyOptions options = TempConfig.Parse("# nothing\n");

        Assert.Equal([IPAddress.IPv6Any], options.Listen.Addresses);
        Assert.Equal(3799, options.Listen.Port);
        Assert.Null(options.DictionaryDirectory);
        Assert.Equal(RequireMessageAuthenticator.Auto, options.Security.RequireMessageAuthenticator);
        Assert.True(options.Security.ResponseMessageAuthenticator);
        Assert.Equal(TimeSpan.FromSeconds(300), options.Security.EventTimestampWindow);
        Assert.Equal(TimeSpan.FromSeconds(300), options.Security.DuplicateWindow);
        Assert.Equal(1_000_000, options.Security.DuplicateCacheSize);
        Assert.Equal(10_000, options.Security.MaxPending);
        Assert.Null(options.MetricsListen);
        Assert.True(options.AuditEnabled);
        Assert.Equal(MqttMode.Off, options.Mqtt.Mode);
        Assert.Null(options.RadiusDesk);
        Assert.Contains(options.Warnings, w => w.Contains("no client", StringComparison.Ordinal));
    }

    [Fact]
    public void ListenStar_IsDualModeAny_AndSeveralAddressesAreKept()
    {
        Assert.Equal([IPAddress.IPv6Any], TempConfig.Parse("listen { ipaddr = * }").Listen.Addresses);
        Assert.Equal(
            [IPAddress.Loopback, IPAddress.IPv6Loopback],
            TempConfig.Parse("listen { ipaddr = 127.0.0.1  ipaddr = ::1  port = 0 }").Listen.Addresses);
    }

    [Fact]
    public void DuplicateWindow_DefaultsToTheEventTimestampWindow_AlsoPerClient()
    {
        ProxyOptions options = TempConfig.Parse(
            "security { event_timestamp_window = 60s }\n" +
            "client a { ipaddr = 10.0.0.1 secret = x }\n" +
            "client b { ipaddr = 10.0.0.2 secret = y  event_timestamp_window = 2m  require_message_authenticator = yes }");

        Assert.Equal(TimeSpan.FromSeconds(60), options.Security.DuplicateWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Clients[0].Security.DuplicateWindow);
        Assert.Equal(RequireMessageAuthenticator.Auto, options.Clients[0].Security.RequireMessageAuthenticator);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Clients[1].Security.EventTimestampWindow);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Clients[1].Security.DuplicateWindow);
        Assert.Equal(RequireMessageAuthenticator.Yes, options.Clients[1].Security.RequireMessageAuthenticator);
        Assert.DoesNotContain(options.Warnings, w => w.Contains("duplicate_window", StringComparison.Ordinal));
    }

    [Fact]
    public void ShorterDuplicateWindow_IsAllowedWithAWarningNamingTheLine()
    {
        using var config = new TempConfig("client a { ipaddr = 10.0.0.1 secret = x }\nsecurity {\n duplicate_window = 10s }");
        ProxyOptions options = config.Load();

        Assert.Equal(TimeSpan.FromSeconds(10), options.Security.DuplicateWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Clients[0].Security.DuplicateWindow);
        string warning = Assert.Single(options.Warnings);
        Assert.StartsWith($"{config.Path}:3: ", warning, StringComparison.Ordinal);
        Assert.Contains("shorter than event_timestamp_window", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedBrokerBeyondLoopback_WithAllowAnonymous_IsAllowedWithAWarningNamingTheLine()
    {
        using var config = new TempConfig("client a { ipaddr = 10.0.0.1 secret = x }\nmqtt { mode = embedded  server = *\n allow_anonymous = yes }");
        ProxyOptions options = config.Load();

        Assert.True(options.Mqtt.AllowAnonymous);
        string warning = Assert.Single(options.Warnings);
        Assert.StartsWith($"{config.Path}:3: ", warning, StringComparison.Ordinal);
        Assert.Contains("accepts clients without a login", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt { mode = embedded }")]
    [InlineData("mqtt { mode = embedded  server = ::1 }")]
    [InlineData("mqtt { mode = embedded  server = *  username = nodes  password = p }")]
    public void EmbeddedBroker_OnLoopbackOrWithALogin_NeedsNoOverride(string mqtt)
    {
        ProxyOptions options = TempConfig.Parse("client a { ipaddr = 10.0.0.1 secret = x }\n" + mqtt);
        Assert.Empty(options.Warnings);
        Assert.False(options.Mqtt.AllowAnonymous);
    }

    [Fact]
    public void EmbeddedBrokerTlsFiles_ResolveAgainstTheConfigDirectory_AndTurnThePortTo8883()
    {
        using var config = new TempConfig("mqtt { mode = embedded  server = *  username = n  password = p  tls_certificate = broker.crt  tls_key = broker.key }");
        TestCertificate.WritePem(config.Directory, "broker.crt", "broker.key");
        ProxyOptions options = config.Load();

        Assert.Equal(Path.Combine(config.Directory, "broker.crt"), options.Mqtt.TlsCertificate);
        Assert.Equal(Path.Combine(config.Directory, "broker.key"), options.Mqtt.TlsKey);
        Assert.Equal(8883, options.Mqtt.Port);
    }

    [Fact]
    public void ClientNetworks_AcceptAddressesAndPrefixes()
    {
        ClientOptions client = Assert.Single(TempConfig.Parse("client a { ipaddr = 10.0.0.0/8 ipaddr = 2001:db8::/32 ipaddr = ::1 secret = x }").Clients);

        Assert.Equal(
            [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("::1/128")],
            client.Networks);
        Assert.EndsWith(":1", client.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherNas_DefaultsAndTimers()
    {
        NasTarget nas = Assert.Single(TempConfig.Parse(
            "nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.3  secret = s  irt = 500ms  mrc = 2  mrt = 1s  mrd = 3 }").Nases);

        Assert.Equal("other", nas.Type);
        Assert.Equal("bras-1", nas.NasIdentifier);
        var settings = Assert.IsType<ForwardingNasSettings>(nas.Settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 3799), settings.CoaEndpoint);
        Assert.Equal("s", settings.Secret);
        Assert.False(settings.StripProxyState);
        Assert.False(settings.AcceptZeroedMessageAuthenticator);
        Assert.Equal(new RetransmissionTimers(TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), settings.Timers);
    }

    [Fact]
    public void MikrotikNas_DefaultsFollowIpaddrAndTls()
    {
        IReadOnlyList<NasTarget> nases = TempConfig.Parse(
            "nas a { type = mikrotik-api  ipaddr = 127.0.0.2  api_username = u }\n" +
            "nas b { type = Mikrotik-API  nasidentifier = b  api_host = router.lan  api_tls = yes  api_username = u  api_password = p\n" +
            "        api_tls_fingerprint = AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\n" +
            "        multiple_sessions = reject  remove_cookies = no }\n" +
            "nas c { type = Mikrotik-API  ipaddr = 127.0.0.4  api_username = u  secret = s  coa_port = 1700 }").Nases;

        Assert.Equal("Mikrotik-API", nases[0].Type);
        var a = Assert.IsType<MikrotikNasSettings>(nases[0].Settings);
        Assert.Equal(("127.0.0.2", 8728, false, "", true, MultipleSessionsPolicy.Allow), (a.ApiHost, a.ApiPort, a.ApiTls, a.ApiPassword, a.RemoveCookies, a.MultipleSessions));
        Assert.Null(a.CoaEndpoint);
        var b = Assert.IsType<MikrotikNasSettings>(nases[1].Settings);
        Assert.Equal(("router.lan", 8729, true, "p", false, MultipleSessionsPolicy.Reject), (b.ApiHost, b.ApiPort, b.ApiTls, b.ApiPassword, b.RemoveCookies, b.MultipleSessions));
        Assert.NotNull(b.ApiTlsFingerprint);
        var c = Assert.IsType<MikrotikNasSettings>(nases[2].Settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 1700), c.CoaEndpoint);
        Assert.Equal("s", c.Secret);
    }

    [Fact]
    public void ApdeskNas_ParsesTheApIdFromTheNasIdentifier()
    {
        NasTarget nas = Assert.Single(TempConfig.Parse(
            "mqtt { mode = external  server = broker.example  tls = yes }\nnas ap7 { type = CoovaMeshdesk  nasidentifier = ap_7_cp_3  mac = 64:64:4a:dd:07:0f }").Nases);

        var settings = Assert.IsType<CoovaNasSettings>(nas.Settings);
        Assert.Equal(new AccessPoint(7, "64-64-4A-DD-07-0F"), settings.AccessPoint);
        Assert.Empty(settings.Nodes);
    }

    [Fact]
    public void ServiceSections_AreRead()
    {
        using var config = new TempConfig(
            "dictionary { dir = dict }\nmetrics { listen = [::1]:9812 }\naudit { enabled = no }\n" +
            "mqtt { mode = external  server = broker.example  port = 8883  username = u  password = p  tls = yes  reply_timeout = 1500ms }\n" +
            "radiusdesk { connection_string = \"Server=127.0.0.1;Database=rd\"  cache_ttl = 0  record_actions = yes  verify = accounting  verify_timeout = 1m }");
        Directory.CreateDirectory(Path.Combine(config.Directory, "dict"));
        File.WriteAllText(Path.Combine(config.Directory, "dict", "dictionary"), "");

        ProxyOptions options = config.Load();

        Assert.Equal(Path.Combine(config.Directory, "dict"), options.DictionaryDirectory);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9812), options.MetricsListen);
        Assert.False(options.AuditEnabled);
        Assert.Equal(new MqttOptions { Mode = MqttMode.External, Server = "broker.example", Port = 8883, Username = "u", Password = "p", Tls = true, ReplyTimeout = TimeSpan.FromMilliseconds(1500) }, options.Mqtt);
        Assert.Equal(
            new RadiusDeskOptions { ConnectionString = "Server=127.0.0.1;Database=rd", CacheTtl = TimeSpan.Zero, RecordActions = true, Verify = VerifyMode.Accounting, VerifyTimeout = TimeSpan.FromMinutes(1) },
            options.RadiusDesk);
    }
}
