using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 12 end to end for <c>type = Mikrotik-Rest-API</c>: radclient → the whole daemon → RouterOS v7 REST (HTTPS with a
/// pinned certificate, or HTTP) served by the RouterOS simulator over the same router state as its binary API.
/// </summary>
[Trait("Category", "RealService")]
public sealed class MikrotikRestIntegrationTests : IAsyncLifetime
{
    private readonly RouterOsSimulator _router = new();

    public async Task InitializeAsync()
    {
        await _router.StartRestAsync();
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotCookie("alice", "AA:BB:CC:DD:EE:01");
        _router.AddHotspotSession("bob", "AA:BB:CC:DD:EE:02", "10.5.50.11");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        _router.AddPppSession("dave", "AA:BB:CC:00:00:02", "10.9.0.3", "0x81000002");
        _router.AddDhcpLease("AA:BB:CC:00:00:09", "192.168.88.20");
    }

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Theory]
    [InlineData("hotspot", "User-Name = \"alice\"")]
    [InlineData("hotspot", "Calling-Station-Id = \"aa-bb-cc-dd-ee-01\"")]
    [InlineData("hotspot", "Calling-Station-Id = \"aabb.ccdd.ee01\"")]
    [InlineData("hotspot", "Framed-IP-Address = 10.5.50.10")]
    [InlineData("ppp", "User-Name = \"carol\"")]
    [InlineData("ppp", "Calling-Station-Id = \"AABBCC000001\"")]
    [InlineData("ppp", "Framed-IP-Address = 10.9.0.2")]
    [InlineData("ppp", "Acct-Session-Id = \"0x81000001\"")]
    [InlineData("dhcp", "Calling-Station-Id = \"aa-bb-cc-00-00-09\", NAS-Port-Type = Ethernet")]
    [InlineData("dhcp", "Framed-IP-Address = 192.168.88.20")]
    public async Task Disconnect_BySessionKey_OverHttps_RemovesExactlyThatSession_Ack(string table, string key)
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", " + key);

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        switch (table)
        {
            case "hotspot":
                Assert.Equal("bob", Assert.Single(_router.HotspotActive.Snapshot())["user"]);
                Assert.Equal(0, _router.HotspotCookies.Count);
                Assert.Equal(2, _router.PppActive.Count);
                break;
            case "ppp":
                Assert.Equal("dave", Assert.Single(_router.PppActive.Snapshot())["name"]);
                Assert.Equal(2, _router.HotspotActive.Count);
                break;
            default:
                Assert.Equal(0, _router.DhcpLeases.Count);
                Assert.Equal(2, _router.HotspotActive.Count);
                Assert.Equal(2, _router.PppActive.Count);
                break;
        }

        Assert.All(_router.RecordedRestRequests, r => Assert.True(r.HadCredentials));
    }

    [Fact]
    public async Task Disconnect_OverPlainHttp_Ack_AndConnectionsAreReused()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(tls: false));

        RadclientResult first = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"alice\"");
        RadclientResult second = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"carol\"");

        Assert.True(first.ReplyCode == "Disconnect-ACK", first.ToString());
        Assert.True(second.ReplyCode == "Disconnect-ACK", second.ToString());
        // Hotspot and PPP are looked up at once, so up to two connections; never one per request.
        Assert.InRange(_router.RestConnectionCount, 1, 2);
        Assert.True(_router.RestRequestCount >= 8);
    }

    [Fact]
    public async Task Disconnect_NoMatchingSession_Nak503_NothingRemoved()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"mallory\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Disconnect_RouterDown_Nak506_WithinTheDeadline()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());
        await _router.StopRestAsync();
        var elapsed = Stopwatch.StartNew();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"alice\"", timeoutSeconds: 8);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(8), elapsed.Elapsed.ToString());
    }

    [Fact]
    public async Task Disconnect_BadCredentials_Nak506_NothingRemoved()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(password: "wrong"));

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(_router.RestUnauthorizedCount > 0);
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Disconnect_WrongCertificate_Nak506_AndNoRequestReachesTheRouter()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(fingerprint: new string('a', 64)));

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(_router.RestConnectionCount > 0);
        Assert.Equal(0, _router.RestRequestCount);
    }

    [Fact]
    public async Task Coa_RateLimit_ChangesTheDynamicQueue_Ack_OrNak401WhereRouterOsRefuses()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult applied = await proxy.RadclientAsync("coa", "NAS-Identifier = \"r7\", User-Name = \"alice\", Mikrotik-Rate-Limit = \"256k/512k\"");
        _router.Faults.RefuseDynamicQueueSet = true;
        RadclientResult refused = await proxy.RadclientAsync("coa", "NAS-Identifier = \"r7\", User-Name = \"bob\", Mikrotik-Rate-Limit = \"256k/512k\"");

        Assert.True(applied.ReplyCode == "CoA-ACK", applied.ToString());
        Assert.Equal("256k/512k", _router.FindQueue("<hotspot-alice>")?["max-limit"]);
        Assert.True(refused.ReplyCode == "CoA-NAK", refused.ToString());
        Assert.Equal("Unsupported-Attribute", refused.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task Cli_NasTest_And_SessionsList_RealExecutable()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());
        string config = proxy.Options.ConfigPath!;

        using var nasTest = new DaemonProcess(["nas", "test", "r7", "--config", config]);
        (int testExit, string testOutput, string testError) = await nasTest.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var list = new DaemonProcess(["sessions", "list", "r7", "--config", config]);
        (int listExit, string listOutput, string listError) = await list.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(testExit == 0, testError);
        Assert.Contains("7.19.4", testOutput, StringComparison.Ordinal);
        Assert.Contains(_router.RecordedRestRequests, r => r.Method == "GET" && r.Target == "/rest/system/resource");
        Assert.True(listExit == 0, listError);
        foreach (string expected in new[] { "alice", "AA:BB:CC:DD:EE:01", "10.5.50.10", "carol", "pppoe" })
        {
            Assert.Contains(expected, listOutput, StringComparison.Ordinal);
        }
    }

    private string Nas(bool tls = true, string? password = null, string? fingerprint = null) => string.Create(CultureInfo.InvariantCulture, $$"""
        nas r7 { type = Mikrotik-Rest-API  nasidentifier = r7  api_host = 127.0.0.1
                 api_port = {{(tls ? _router.RestHttpsPort : _router.RestHttpPort)}}  api_tls = {{(tls ? "yes" : "no")}}
                 {{(tls ? "api_tls_fingerprint = " + (fingerprint ?? SelfSignedCertificate.Sha256Fingerprint(_router.RestCertificate!)) : "")}}
                 api_username = {{_router.Options.Username}}  api_password = {{password ?? _router.Options.Password}} }

        """);
}
