using System.Globalization;
using System.Net;
using System.Text;
using MySqlConnector;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 6 "Done when" end to end: with only the radiusdesk section (plus mqtt for the nodes), radclient → the whole
/// daemon → a real MariaDB holding a realistic RADIUSdesk install → every NAS type at once: MESHdesk gateway nodes and
/// an APdesk AP over mosquitto, a RouterOS simulator, and an RFC 5176 NAS simulator (a <c>nas</c> table row).
/// </summary>
[Trait("Category", "RealService")]
public sealed class RadiusDeskIntegrationTests(RadiusDeskIntegrationFixture fixture) : IClassFixture<RadiusDeskIntegrationFixture>, IAsyncLifetime
{
    private const string NasSecret = "bras-secret";
    private const string BrasSessionId = "bras-0001";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private readonly RouterOsSimulator _router = new(new RouterOsSimulatorOptions { Password = RealisticInstall.MikrotikPassword });
    private readonly NasSimulator _bras = NasSimulator.Start(NasSecret);
    private RealisticInstall _install = null!;
    private SimulatedNode _gateway1 = null!;
    private SimulatedNode _gateway2 = null!;
    private SimulatedNode _relay = null!;
    private SimulatedNode _ap = null!;
    private NodeFleet _fleet = null!;

    public async Task InitializeAsync()
    {
        RadiusDeskSeeder seeder = fixture.Seeder;
        await seeder.ResetAsync();
        _install = await RealisticInstall.SeedAsync(seeder, _router.Port, "127.0.0.1", mikrotikTls: false);
        await seeder.AddNasAsync("127.0.0.1", "bras-9", "other", NasSecret, _bras.Endpoint.Port);
        await seeder.AddSessionAsync(new RadAcctSeed
        {
            UserName = "alice", AcctSessionId = BrasSessionId, NasIdentifier = "bras-9", NasIpAddress = "127.0.0.1",
            CallingStationId = "0C-C6-FD-7B-8B-AD", FramedIpAddress = "10.7.0.5", NasPortType = "Ethernet",
        });

        _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AC", "10.5.50.12");
        _router.AddHotspotCookie("alice", "0C:C6:FD:7B:8B:AC");
        _router.AddPppSession("bob", "D8:3A:DD:10:20:30", "10.6.0.9", "81d00006");

        string meshId = RealisticInstall.MeshSsid.ToUpperInvariant().Replace('_', '-');
        _gateway1 = SimulatedNode.MeshNode(_install.GatewayNode1, "C4-4B-D1-00-97-49", meshId);
        _gateway2 = SimulatedNode.MeshNode(_install.GatewayNode2, "C4-4B-D1-00-97-4A", meshId);
        _relay = SimulatedNode.MeshNode(_install.RelayNode, "C4-4B-D1-00-97-4B", meshId);
        _ap = SimulatedNode.AccessPoint(_install.ApId, "64-64-4A-DD-07-0F");
        _fleet = await NodeFleet.StartAsync("127.0.0.1", fixture.Mqtt.Broker.Port, MosquittoFixture.Username, MosquittoFixture.Password,
            [_gateway1, _gateway2, _relay, _ap]);
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _router.DisposeAsync();
        await _bras.DisposeAsync();
        if (!fixture.Database.IsRunning)
        {
            await fixture.Database.StartAsync();
        }
    }

    [Fact]
    public async Task UserNameOnly_ActsOnEveryOpenSessionOnEveryNasType_Ack()
    {
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        // MESHdesk: every gateway node (not the relay) got the logout for alice's MAC on that mesh.
        await _gateway1.WaitForCommandsAsync(1, s_wait);
        await _gateway2.WaitForCommandsAsync(1, s_wait);
        Assert.All(new[] { _gateway1, _gateway2 }, n => Assert.Equal("chilli_query logout mac 0C-C6-FD-7B-8B-AA", Assert.Single(n.Received).Command));
        Assert.Equal(0, _relay.ReceivedCount);
        // APdesk: the AP got the logout for alice's MAC there.
        Assert.Equal("chilli_query logout mac 0C-C6-FD-7B-8B-AB", Assert.Single(_ap.Received).Command);
        Assert.Equal("/RD/AP/" + _install.ApId.ToString(CultureInfo.InvariantCulture) + "/COMMAND", _ap.Received[0].Topic);
        // Mikrotik: alice's hotspot session and cookie are gone, bob's PPPoE session stays.
        Assert.Empty(_router.HotspotActive.Snapshot());
        Assert.Empty(_router.HotspotCookies.Snapshot());
        Assert.Equal("bob", Assert.Single(_router.PppActive.Snapshot())["name"]);
        // other: the NAS got an RFC 5176 request with the session identification from the radacct row (RFC 5176 §3).
        NasReceivedPacket forwarded = Assert.Single(_bras.Received);
        Assert.Equal("alice", forwarded.UserName);
        Assert.Equal(BrasSessionId, forwarded.AcctSessionId);
        Assert.Equal(IPAddress.Loopback, new IPAddress(Single(forwarded, RadiusAttributeType.NasIpAddress)));
        Assert.Equal(IPAddress.Parse("10.7.0.5"), new IPAddress(Single(forwarded, RadiusAttributeType.FramedIpAddress)));
    }

    [Fact]
    public async Task ForwardedRequest_KeepsWhatTheDacSent_AddsOnlyWhatIsMissing()
    {
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", $"Acct-Session-Id = \"{BrasSessionId}\", Framed-IP-Address = 10.7.0.5");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        NasReceivedPacket forwarded = Assert.Single(_bras.Received);
        Assert.Equal(BrasSessionId, forwarded.AcctSessionId);
        Assert.Single(forwarded.Attributes, a => a.Key == RadiusAttributeType.AcctSessionId);
        Assert.Single(forwarded.Attributes, a => a.Key == RadiusAttributeType.FramedIpAddress);
        Assert.Equal(IPAddress.Loopback, new IPAddress(Single(forwarded, RadiusAttributeType.NasIpAddress)));
        Assert.Null(forwarded.UserName);
        Assert.Equal(0, _ap.ReceivedCount + _gateway1.ReceivedCount);
    }

    [Fact]
    public async Task NoOpenSession_Nak503()
    {
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"nobody\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Empty(_bras.Received);
    }

    [Fact]
    public async Task OneSessionFails_NakWithItsCause_OthersStillActedOn()
    {
        _router.Faults.RefuseRemove("/ip/hotspot/active/remove");
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Removable", answer.Attribute("Error-Cause"));
        Assert.Single(_router.HotspotActive.Snapshot());
        Assert.Single(_bras.Received);
        Assert.Single(_ap.Received);
    }

    [Fact]
    public async Task RecordActions_NodeActionRows_AwaitingThenFetched_CmdIdIsTheRowId()
    {
        await _fleet.SetBehaviourAsync(_gateway2, NodeBehaviour.Silent);
        await using IntegrationProxy proxy = await StartAsync("record_actions = yes");

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        await _gateway2.WaitForCommandsAsync(1, s_wait);
        ReceivedNodeCommand acked = Assert.Single(_gateway1.Received);
        ReceivedNodeCommand unanswered = Assert.Single(_gateway2.Received);
        // Marked before the ACK was sent: no waiting needed for the node that answered.
        var fetched = await fixture.Seeder.GetActionAsync("node_actions", acked.CmdId);
        Assert.Equal((_install.GatewayNode1, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", "fetched"), (fetched?.DeviceId ?? 0, fetched?.Command, fetched?.Status));
        var awaiting = await fixture.Seeder.GetActionAsync("node_actions", unanswered.CmdId);
        Assert.Equal((_install.GatewayNode2, "awaiting"), (awaiting?.DeviceId ?? 0, awaiting?.Status));
        Assert.Empty(_bras.Received);
    }

    [Fact]
    public async Task RecordActions_ApActionRow_Fetched()
    {
        await using IntegrationProxy proxy = await StartAsync("record_actions = yes");

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "Calling-Station-Id = \"0c:c6:fd:7b:8b:ab\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        ReceivedNodeCommand command = Assert.Single(_ap.Received);
        var row = await fixture.Seeder.GetActionAsync("ap_actions", command.CmdId);
        Assert.Equal((_install.ApId, "fetched"), (row?.DeviceId ?? 0, row?.Status));
    }

    [Fact]
    public async Task VerifyAccounting_StoppedDuringTheWait_Ack_NotStopped_Nak504()
    {
        await using IntegrationProxy proxy = await StartAsync("verify = accounting  verify_timeout = 1500ms");

        Task<RadclientResult> confirmed = proxy.RadclientAsync("disconnect", "Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");
        await _gateway1.WaitForCommandsAsync(1, s_wait);
        await fixture.Seeder.StopSessionAsync(_install.AliceOnMesh);
        RadclientResult ack = await confirmed;
        RadclientResult nak = await proxy.RadclientAsync("disconnect", "Calling-Station-Id = \"0C-C6-FD-7B-8B-AB\"");

        Assert.True(ack.ReplyCode == "Disconnect-ACK", ack.ToString());
        Assert.True(nak.ReplyCode == "Disconnect-NAK", nak.ToString());
        Assert.Equal("Session-Context-Not-Removable", nak.Attribute("Error-Cause"));
        Assert.Single(_ap.Received);
    }

    [Fact]
    public async Task DatabaseStopped_Nak506_ThenRecovers()
    {
        await using IntegrationProxy proxy = await StartAsync();
        await fixture.Database.StopAsync();

        RadclientResult down = await proxy.RadclientAsync("disconnect", "User-Name = \"bob\"");
        await fixture.Database.StartAsync();
        // After a failure the database is tried again once its 1 s circuit-breaker window has passed
        // (docs/radiusdesk.md §6): a request inside the window still gets NAK 506, one after it is carried out.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RadclientResult recovered = await proxy.RadclientAsync("disconnect", "User-Name = \"bob\"");
        while (recovered.ReplyCode != "Disconnect-ACK" && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(250);
            recovered = await proxy.RadclientAsync("disconnect", "User-Name = \"bob\"");
        }

        Assert.True(down.ReplyCode == "Disconnect-NAK", down.ToString());
        Assert.Equal("Resources-Unavailable", down.Attribute("Error-Cause"));
        Assert.True(recovered.ReplyCode == "Disconnect-ACK", recovered.ToString());
        Assert.Empty(_router.PppActive.Snapshot());
    }

    private Task<IntegrationProxy> StartAsync(string extra = "")
    {
        string connection = new MySqlConnectionStringBuilder(fixture.Database.ConnectionString).ConnectionString;
        return StartAndWaitAsync(fixture.Mqtt.MqttSection() + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  {extra} }}\n");
    }

    private static async Task<IntegrationProxy> StartAndWaitAsync(string body)
    {
        IntegrationProxy proxy = await IntegrationProxy.StartAsync(body);
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

    private static byte[] Single(NasReceivedPacket packet, byte type) => Assert.Single(packet.Attributes, a => a.Key == type).Value;
}
