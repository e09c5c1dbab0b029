using System.Globalization;
using MySqlConnector;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 12 with the RADIUSdesk database: rows of type <c>AccelRadiusdesk</c>, <c>private_psk</c> and
/// <c>Mikrotik-Rest-API</c> become those types (not "no NAS"); radclient names only the user, the rest comes from radacct
/// (Acct-Session-Id for accel, Operator-Name and the MAC for private PSK).
/// </summary>
[Trait("Category", "RealService")]
public sealed class NewTypesRadiusDeskTests(RadiusDeskIntegrationFixture fixture) : IClassFixture<RadiusDeskIntegrationFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private RadiusDeskSeeder Seeder => fixture.Seeder;

    public Task InitializeAsync() => Seeder.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accel_DatabasePath_FlagsTheSessionsAccelRow_AckMeansQueued()
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        await Seeder.AddSessionAsync(Session("carol", "5a1b0000000c", "accel7"));
        await Seeder.AddAccelSessionAsync("5a1b0000000c", "carol", "0C-C6-FD-7B-8B-AC", "10.30.0.12");
        await Seeder.AddAccelSessionAsync("5a1b0000000d", "dave", "0C-C6-FD-7B-8B-AD", "10.30.0.13");
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"carol\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal([1], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000c"));
        Assert.Equal([0], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000d"));
    }

    [Fact]
    public async Task Accel_DatabasePath_NoAccelRow_Nak503()
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        await Seeder.AddSessionAsync(Session("carol", "5a1b0000000c", "accel7"));
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"carol\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task Accel_VerifyAccounting_AckOnlyOnceAccountingShowsTheSessionStopped()
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        long stopped = await Seeder.AddSessionAsync(Session("carol", "5a1b0000000c", "accel7"));
        await Seeder.AddSessionAsync(Session("dave", "5a1b0000000d", "accel7"));
        await Seeder.AddAccelSessionAsync("5a1b0000000c", "carol", "0C-C6-FD-7B-8B-AC", "10.30.0.12");
        await Seeder.AddAccelSessionAsync("5a1b0000000d", "dave", "0C-C6-FD-7B-8B-AD", "10.30.0.13");
        await using IntegrationProxy proxy = await StartAsync("verify = accounting  verify_timeout = 3s");

        Task<RadclientResult> carol = proxy.RadclientAsync("disconnect", "User-Name = \"carol\"", timeoutSeconds: 10);
        // What the accel box does at its next report: accel-cmd terminate → Accounting-Stop.
        await Task.Delay(500);
        await Seeder.StopSessionAsync(stopped);
        RadclientResult acked = await carol;
        RadclientResult dave = await proxy.RadclientAsync("disconnect", "User-Name = \"dave\"", timeoutSeconds: 10);

        Assert.True(acked.ReplyCode == "Disconnect-ACK", acked.ToString());
        Assert.True(dave.ReplyCode == "Disconnect-NAK", dave.ToString());
        Assert.Equal("Session-Context-Not-Removable", dave.Attribute("Error-Cause"));
        Assert.Equal([1], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000d"));
    }

    [Fact]
    public async Task PrivatePsk_OperatorNameFromRadacct_CommandToThatNode_Ack()
    {
        long mesh = await Seeder.AddMeshAsync("psk mesh", "psk_mesh");
        long node1 = await Seeder.AddNodeAsync(mesh, "n1", "C4-4B-D1-00-11-01", "lan");
        long node2 = await Seeder.AddNodeAsync(mesh, "n2", "C4-4B-D1-00-11-02", "none");
        string nasId = string.Create(CultureInfo.InvariantCulture, $"m_hosta_{mesh}_12");
        await Seeder.AddDynamicClientAsync("psk", nasId, "private_psk");
        await Seeder.AddSessionAsync(Session("dora", "psk-0001", nasId) with
        {
            CallingStationId = "0C-C6-FD-7B-8B-AE",
            OperatorName = string.Create(CultureInfo.InvariantCulture, $"m_hosta_{mesh}_12_1_{node2}"),
        });
        var first = SimulatedNode.MeshNode(node1, "C4-4B-D1-00-11-01", "PSK-MESH");
        var second = SimulatedNode.MeshNode(node2, "C4-4B-D1-00-11-02", "PSK-MESH");
        await using NodeFleet fleet = await NodeFleet.StartAsync("127.0.0.1", fixture.Mqtt.Broker.Port, MosquittoFixture.Username,
            MosquittoFixture.Password, [first, second]);
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"dora\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(0, first.ReceivedCount);
        Assert.Equal("/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AE 12", Assert.Single(second.Received).Command);
    }

    [Fact]
    public async Task MikrotikRest_MtSettingsRows_RemoveOverRest_Ack()
    {
        await using var router = new RouterOsSimulator();
        await router.StartRestAsync();
        router.AddHotspotSession("erin", "0C:C6:FD:7B:8B:AF", "10.5.50.20");
        await Seeder.AddDynamicClientAsync("rest router", "r7", "Mikrotik-Rest-API", new Dictionary<string, string>
        {
            ["mt_proto"] = "http", ["mt_host"] = "127.0.0.1", ["mt_port"] = router.RestHttpPort.ToString(CultureInfo.InvariantCulture),
            ["mt_user"] = router.Options.Username, ["mt_pass"] = router.Options.Password,
        });
        await Seeder.AddSessionAsync(Session("erin", "80f00001", "r7") with { CallingStationId = "0C-C6-FD-7B-8B-AF", FramedIpAddress = "10.5.50.20" });
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"erin\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(0, router.HotspotActive.Count);
        Assert.NotEmpty(router.RecordedRestRequests);
    }

    private static RadAcctSeed Session(string user, string sessionId, string nasIdentifier) => new()
    {
        UserName = user, AcctSessionId = sessionId, NasIdentifier = nasIdentifier, NasIpAddress = "127.0.0.1",
        CallingStationId = "0C-C6-FD-7B-8B-AC", FramedIpAddress = "10.30.0.12", NasPortType = "Virtual",
    };

    private async Task<IntegrationProxy> StartAsync(string extra = "")
    {
        string connection = new MySqlConnectionStringBuilder(fixture.Database.ConnectionString).ConnectionString;
        IntegrationProxy proxy = await IntegrationProxy.StartAsync(fixture.Mqtt.MqttSection()
            + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  {extra} }}\n");
        try
        {
            await proxy.WaitForMqttAsync();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }
}
