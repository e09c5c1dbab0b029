using System.Globalization;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 5 item 7 end to end: radclient → the whole daemon → the RouterOS API simulator, for hotspot and PPPoE
/// sessions by each session key, plus the operator's CLI (<c>nas test</c>, <c>sessions list</c>) run as the real
/// executable on the same radius.conf.
/// </summary>
[Trait("Category", "RealService")]
public sealed class MikrotikIntegrationTests : IAsyncLifetime
{
    private readonly RouterOsSimulator _router = new();

    public Task InitializeAsync()
    {
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotCookie("alice", "AA:BB:CC:DD:EE:01");
        _router.AddHotspotSession("bob", "AA:BB:CC:DD:EE:02", "10.5.50.11");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        _router.AddPppSession("dave", "AA:BB:CC:00:00:02", "10.9.0.3", "0x81000002");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Theory]
    [InlineData("hotspot", "User-Name = \"alice\"")]
    [InlineData("hotspot", "Calling-Station-Id = \"aa-bb-cc-dd-ee-01\"")]
    [InlineData("hotspot", "Framed-IP-Address = 10.5.50.10")]
    [InlineData("ppp", "User-Name = \"carol\"")]
    [InlineData("ppp", "Calling-Station-Id = \"aa:bb:cc:00:00:01\"")]
    [InlineData("ppp", "Framed-IP-Address = 10.9.0.2")]
    [InlineData("ppp", "Acct-Session-Id = \"0x81000001\"")]
    public async Task Disconnect_BySessionKey_RemovesExactlyThatSession_Ack(string table, string key)
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(_router.Port));

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"hq\", " + key);

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        if (table == "hotspot")
        {
            Assert.Equal("bob", Assert.Single(_router.HotspotActive.Snapshot())["user"]);
            Assert.Equal(0, _router.HotspotCookies.Count);
            Assert.Equal(2, _router.PppActive.Count);
        }
        else
        {
            Assert.Equal("dave", Assert.Single(_router.PppActive.Snapshot())["name"]);
            Assert.Equal(2, _router.HotspotActive.Count);
        }
    }

    [Fact]
    public async Task Disconnect_NoMatchingSession_Nak503_NothingRemoved()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(_router.Port));

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"hq\", User-Name = \"mallory\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Equal(2, _router.HotspotActive.Count);
        Assert.Equal(2, _router.PppActive.Count);
    }

    [Fact]
    public async Task Disconnect_RouterDown_Nak506_Quickly()
    {
        int closedPort;
        await using (var gone = new RouterOsSimulator())
        {
            closedPort = gone.Port;
        }

        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(closedPort));

        // One try with a 4 s timeout: any reply at all is well before the pipeline's 35 s driver deadline.
        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"hq\", User-Name = \"alice\"", timeoutSeconds: 4);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task Coa_MikrotikRateLimit_ChangesTheRate_BothWays()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(_router.Port));

        RadclientResult down = await proxy.RadclientAsync("coa", "NAS-Identifier = \"hq\", User-Name = \"alice\", Mikrotik-Rate-Limit = \"256k/512k\"");
        string? throttled = _router.FindQueue("<hotspot-alice>")?["max-limit"];
        RadclientResult up = await proxy.RadclientAsync("coa", "NAS-Identifier = \"hq\", Framed-IP-Address = 10.9.0.2, Mikrotik-Rate-Limit = \"10M/20M\"");

        Assert.True(down.ReplyCode == "CoA-ACK", down.ToString());
        Assert.True(up.ReplyCode == "CoA-ACK", up.ToString());
        Assert.Equal("256k/512k", throttled);
        Assert.Equal("10M/20M", _router.FindQueue("<pppoe-carol>")?["max-limit"]);
        Assert.Equal("1000000/2000000", _router.FindQueue("<hotspot-bob>")?["max-limit"]);
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Cli_NasTest_And_SessionsList_RealExecutable_SameConfigAsTheDaemon()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(_router.Port));
        string config = proxy.Options.ConfigPath!;

        using var nasTest = new DaemonProcess(["nas", "test", "hq", "--config", config]);
        (int testExit, string testOutput, string testError) = await nasTest.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var list = new DaemonProcess(["sessions", "list", "hq", "--config", config]);
        (int listExit, string listOutput, string listError) = await list.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(testExit == 0, testError);
        Assert.Contains("version", testOutput, StringComparison.Ordinal);
        Assert.Contains("MikroTik", testOutput + testError, StringComparison.Ordinal);
        Assert.True(listExit == 0, listError);
        // stdout is a pipe here: plain aligned columns, no box drawing.
        Assert.Matches(@"^id\s+user\s+address\s+MAC\s+uptime\s+service\n", listOutput);
        Assert.DoesNotContain("│", listOutput + testOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("─", listOutput + testOutput, StringComparison.Ordinal);
        foreach (string expected in new[] { "alice", "AA:BB:CC:DD:EE:01", "10.5.50.10", "bob", "carol", "pppoe", "10.9.0.2", "dave" })
        {
            Assert.Contains(expected, listOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cli_NasTest_RouterDown_Exit1()
    {
        int closedPort;
        await using (var gone = new RouterOsSimulator())
        {
            closedPort = gone.Port;
        }

        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(closedPort));
        using var nasTest = new DaemonProcess(["nas", "test", "hq", "--config", proxy.Options.ConfigPath!]);

        (int exit, _, string error) = await nasTest.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.NotEqual("", error.Trim());
    }

    private string Nas(int apiPort) => string.Create(CultureInfo.InvariantCulture, $$"""
        nas hq { type = Mikrotik-API  nasidentifier = hq  api_host = 127.0.0.1  api_port = {{apiPort}}
                 api_username = {{_router.Options.Username}}  api_password = {{_router.Options.Password}} }

        """);
}
