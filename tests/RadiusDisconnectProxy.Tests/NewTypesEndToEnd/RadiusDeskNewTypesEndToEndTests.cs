using System.Globalization;
using MySqlConnector;
using RadiusDisconnectProxy.Tests.Integration;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// A private MariaDB with the RADIUSdesk schema, a private mosquitto, a RouterOS REST simulator, and two real proxy
/// executables reading that database (<c>cache_ttl = 0</c>): <see cref="Proxy"/> (<c>verify = none  record_actions = yes</c>) and
/// <see cref="VerifyingProxy"/> (<c>verify = accounting  verify_timeout = 2s</c>).
/// </summary>
public sealed class RadiusDeskNewTypesEndToEndFixture : IAsyncLifetime
{
    private ExecutableProxy? _proxy;
    private ExecutableProxy? _verifying;

    public RadiusDeskIntegrationFixture Services { get; } = new();

    public RouterOsSimulator Router { get; } = new();

    internal ExecutableProxy Proxy => _proxy ?? throw new InvalidOperationException("not started");

    internal ExecutableProxy VerifyingProxy => _verifying ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Services.InitializeAsync(), Router.StartRestAsync());
        string connection = new MySqlConnectionStringBuilder(Services.Database.ConnectionString).ConnectionString;
        string mqtt = Services.Mqtt.MqttSection("2s");
        Task<ExecutableProxy> plain = ExecutableProxy.StartAsync(mqtt + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  record_actions = yes }}\n");
        Task<ExecutableProxy> verifying = ExecutableProxy.StartAsync(mqtt
            + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  verify = accounting  verify_timeout = 2s }}\n");
        _proxy = await plain;
        _verifying = await verifying;
        await Task.WhenAll(_proxy.WaitForLogAsync("MQTT connected to"), _verifying.WaitForLogAsync("MQTT connected to"));
    }

    public async Task DisposeAsync()
    {
        foreach (ExecutableProxy? proxy in new[] { _proxy, _verifying })
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }

        await Router.DisposeAsync();
        await Services.DisposeAsync();
    }
}

/// <summary>
/// Issue 12 "Done when" with the RADIUSdesk database, through the real executable: rows of type <c>AccelRadiusdesk</c>,
/// <c>private_psk</c> and <c>Mikrotik-Rest-API</c> become those types; radclient names only the user, the rest comes from
/// radacct (Acct-Session-Id for accel, Operator-Name and the MAC for private PSK, the MAC for the router).
/// </summary>
[Trait("Category", "RealService")]
public sealed class RadiusDeskNewTypesEndToEndTests(RadiusDeskNewTypesEndToEndFixture fixture)
    : IClassFixture<RadiusDeskNewTypesEndToEndFixture>, IAsyncLifetime
{
    private RadiusDeskSeeder Seeder => fixture.Services.Seeder;

    public Task InitializeAsync() => Seeder.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accel_NoDaePort_FlagsTheAccelSessionsRow_AckMeansQueued_AndTheAuditSaysSo()
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        await Seeder.AddSessionAsync(Session("carol", "5a1b0000000c", "accel7"));
        await Seeder.AddAccelSessionAsync("5a1b0000000c", "carol", "0C-C6-FD-7B-8B-AC", "10.30.0.12");
        await Seeder.AddAccelSessionAsync("5a1b0000000d", "dave", "0C-C6-FD-7B-8B-AD", "10.30.0.13");

        (RadclientResult answer, TimeSpan _) = await fixture.Proxy.RadclientAsync("disconnect", "User-Name = \"carol\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal([1], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000c"));
        Assert.Equal([0], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000d"));
        await fixture.Proxy.WaitForLogAsync("queued: accel_sessions sid 5a1b0000000c flagged");
        string audit = Assert.Single(fixture.Proxy.LogLines("RadiusDisconnectProxy.Audit", "queued: accel_sessions sid 5a1b0000000c"));
        Assert.Contains("\"Result\":\"ACK\"", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-accel-row")]
    [InlineData("session-closed")]
    public async Task Accel_NoDaePort_NoOpenSessionWithAnAccelRow_Nak503(string situation)
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        long id = await Seeder.AddSessionAsync(Session("erin", "5a1b0000000e", "accel7"));
        if (situation == "session-closed")
        {
            // The accel row is there, but accounting shows the session over: nothing to flag.
            await Seeder.AddAccelSessionAsync("5a1b0000000e", "erin", "0C-C6-FD-7B-8B-AE", "10.30.0.14");
            await Seeder.StopSessionAsync(id);
        }

        (RadclientResult answer, TimeSpan _) = await fixture.Proxy.RadclientAsync("disconnect",
            situation == "session-closed" ? "Acct-Session-Id = \"5a1b0000000e\", NAS-Identifier = \"accel7\"" : "User-Name = \"erin\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        if (situation == "session-closed")
        {
            Assert.Equal([0], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000e"));
        }
    }

    [Fact]
    public async Task Accel_VerifyAccounting_AckOnceStopped_Nak504AtTheVerifyTimeoutOtherwise()
    {
        await Seeder.AddDynamicClientAsync("accel box", "accel7", "AccelRadiusdesk");
        long carol = await Seeder.AddSessionAsync(Session("carol", "5a1b0000000c", "accel7"));
        await Seeder.AddSessionAsync(Session("dave", "5a1b0000000d", "accel7"));
        await Seeder.AddAccelSessionAsync("5a1b0000000c", "carol", "0C-C6-FD-7B-8B-AC", "10.30.0.12");
        await Seeder.AddAccelSessionAsync("5a1b0000000d", "dave", "0C-C6-FD-7B-8B-AD", "10.30.0.13");

        Task<(RadclientResult, TimeSpan)> pending = fixture.VerifyingProxy.RadclientAsync("disconnect", "User-Name = \"carol\"", timeoutSeconds: 6);
        // What the accel box does at its next report: accel-cmd terminate → Accounting-Stop.
        await IntegrationWait.UntilAsync(async () => (await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000c")).SequenceEqual([1]),
            TimeSpan.FromSeconds(5), "carol flagged");
        await Seeder.StopSessionAsync(carol);
        (RadclientResult acked, TimeSpan _) = await pending;
        (RadclientResult dave, TimeSpan daveElapsed) = await fixture.VerifyingProxy.RadclientAsync("disconnect", "User-Name = \"dave\"", timeoutSeconds: 6);

        Assert.True(acked.ReplyCode == "Disconnect-ACK", acked.ToString());
        Assert.True(dave.ReplyCode == "Disconnect-NAK", dave.ToString());
        Assert.Equal("Session-Context-Not-Removable", dave.Attribute("Error-Cause"));
        Assert.InRange(daveElapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        Assert.Equal([1], await Seeder.GetAccelDisconnectFlagsAsync("5a1b0000000d"));
    }

    [Fact]
    public async Task PrivatePsk_OperatorNameFromRadacct_ExactCommandToThatNode_RecordedAsANodeAction_Ack()
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
        await using NodeFleet fleet = await NodeFleet.StartAsync("127.0.0.1", fixture.Services.Mqtt.Broker.Port, MosquittoFixture.Username,
            MosquittoFixture.Password, [first, second]);

        (RadclientResult answer, TimeSpan _) = await fixture.Proxy.RadclientAsync("disconnect", "User-Name = \"dora\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(0, first.ReceivedCount);
        ReceivedNodeCommand command = Assert.Single(second.Received);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"/RD/MESH/{node2}/COMMAND"), command.Topic);
        Assert.Equal("/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AE 12", command.Command);
        // record_actions = yes: the command is a node_actions row (its id the cmd_id), set to fetched by the node's
        // os_command acknowledgement (action execute) before the ACK, as for CoovaMeshdesk (docs/radiusdesk.md).
        (long DeviceId, string Command, string Status, string? Reply)? action = await Seeder.GetActionAsync("node_actions", command.CmdId);
        Assert.NotNull(action);
        Assert.Equal(node2, action.Value.DeviceId);
        Assert.Equal(command.Command, action.Value.Command);
        Assert.Equal("fetched", action.Value.Status);
    }

    [Fact]
    public async Task MikrotikRest_MtSettingsRows_RemoveOverRest_Ack()
    {
        RouterOsSimulator router = fixture.Router;
        string id = router.AddHotspotSession("erin", "0C:C6:FD:7B:8B:AF", "10.5.50.20");
        await Seeder.AddDynamicClientAsync("rest router", "r7", "Mikrotik-Rest-API", new Dictionary<string, string>
        {
            ["mt_proto"] = "http", ["mt_host"] = "127.0.0.1", ["mt_port"] = router.RestHttpPort.ToString(CultureInfo.InvariantCulture),
            ["mt_user"] = router.Options.Username, ["mt_pass"] = router.Options.Password,
        });
        await Seeder.AddSessionAsync(Session("erin", "80f00001", "r7") with { CallingStationId = "0C-C6-FD-7B-8B-AF", FramedIpAddress = "10.5.50.20" });

        (RadclientResult answer, TimeSpan _) = await fixture.Proxy.RadclientAsync("disconnect", "User-Name = \"erin\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(router.HotspotActive.Find(id));
        Assert.Contains(router.RecordedRestRequests, r => r.Method == "DELETE" && r.Target == "/rest/ip/hotspot/active/" + id);
    }

    private static RadAcctSeed Session(string user, string sessionId, string nasIdentifier) => new()
    {
        UserName = user, AcctSessionId = sessionId, NasIdentifier = nasIdentifier, NasIpAddress = "127.0.0.1",
        CallingStationId = "0C-C6-FD-7B-8B-AC", FramedIpAddress = "10.30.0.12", NasPortType = "Virtual",
    };
}
