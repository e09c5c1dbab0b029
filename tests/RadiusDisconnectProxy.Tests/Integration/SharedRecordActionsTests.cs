using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Several instances on one mosquitto and one RADIUSdesk database with <c>record_actions = yes</c>
/// (docs/high-availability.md): every gateway node's <c>node_actions</c> row is marked on its own reply, and a reply to a
/// command whose sender is gone is still recorded, by exactly one of the remaining instances.
/// </summary>
[Trait("Category", "RealService")]
public sealed class SharedRecordActionsTests(RadiusDeskIntegrationFixture fixture) : IClassFixture<RadiusDeskIntegrationFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);
    private RealisticInstall _install = null!;
    private SimulatedNode _gateway1 = null!;
    private SimulatedNode _gateway2 = null!;
    private NodeFleet _fleet = null!;

    public async Task InitializeAsync()
    {
        RadiusDeskSeeder seeder = fixture.Seeder;
        await seeder.ResetAsync();
        _install = await RealisticInstall.SeedAsync(seeder, 8728, "127.0.0.1", mikrotikTls: false);
        string meshId = RealisticInstall.MeshSsid.ToUpperInvariant().Replace('_', '-');
        _gateway1 = SimulatedNode.MeshNode(_install.GatewayNode1, "C4-4B-D1-00-97-49", meshId);
        _gateway2 = SimulatedNode.MeshNode(_install.GatewayNode2, "C4-4B-D1-00-97-4A", meshId);
        _fleet = await NodeFleet.StartAsync("127.0.0.1", fixture.Mqtt.Broker.Port, MosquittoFixture.Username, MosquittoFixture.Password,
            [_gateway1, _gateway2]);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task TwoGatewayNodes_EachRowMarkedOnItsOwnReply()
    {
        _gateway2.SlowDelay = TimeSpan.FromMilliseconds(800);
        await _fleet.SetBehaviourAsync(_gateway2, NodeBehaviour.Slow);
        await using IntegrationProxy proxy = await StartAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        long first = Assert.Single(_gateway1.Received).CmdId;
        long second = Assert.Single(_gateway2.Received).CmdId;
        Assert.Equal("fetched", (await fixture.Seeder.GetActionAsync("node_actions", first))?.Status);
        // The second node answers after the ACK went out: its own row is still marked, by the instance that sent it.
        await IntegrationWait.UntilAsync(async () => (await fixture.Seeder.GetActionAsync("node_actions", second))?.Status == "fetched",
            s_wait, "second gateway's row fetched");
        Assert.Equal(1, Completer(proxy).Marked);
        Assert.Equal(0, Completer(proxy).Adopted);
    }

    [Fact]
    public async Task SenderGone_ReplyMarksTheRow_ExactlyOnceAmongTheOthers()
    {
        foreach (SimulatedNode node in new[] { _gateway1, _gateway2 })
        {
            node.SlowDelay = TimeSpan.FromSeconds(2);
            await _fleet.SetBehaviourAsync(node, NodeBehaviour.Slow);
        }

        await using IntegrationProxy b = await StartAsync();
        await using IntegrationProxy c = await StartAsync();
        RadclientResult answer;
        await using (IntegrationProxy sender = await StartAsync(replyTimeout: "500ms"))
        {
            answer = await sender.RadclientAsync("disconnect", "Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");
            await _gateway2.WaitForCommandsAsync(1, s_wait);
        }

        // The sender gave up (NAK 506) and is gone before either node answers; both rows are awaiting.
        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        long[] rows = [Assert.Single(_gateway1.Received).CmdId, Assert.Single(_gateway2.Received).CmdId];
        Assert.All(rows, id => Assert.True(id < 1L << 32, "cmd_id is the row id"));
        await IntegrationWait.UntilAsync(async () => await StatusAsync(rows[0]) == "fetched" && await StatusAsync(rows[1]) == "fetched",
            s_wait, "rows of the gone sender fetched");
        // Both remaining instances saw both replies; between them each row was written once.
        await IntegrationWait.UntilAsync(() => Completer(b).Adopted + Completer(c).Adopted == 2, s_wait, "two adoptions");
        await Task.Delay(NodeActionReplyCompleter.AdoptDelay + TimeSpan.FromSeconds(1));
        Assert.Equal(2, Completer(b).Adopted + Completer(c).Adopted);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM node_actions"));
    }

    private async Task<string?> StatusAsync(long id) => (await fixture.Seeder.GetActionAsync("node_actions", id))?.Status;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new MySqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NodeActionReplyCompleter Completer(IntegrationProxy proxy) => proxy.Services.GetRequiredService<NodeActionReplyCompleter>();

    private async Task<IntegrationProxy> StartAsync(string replyTimeout = "2s")
    {
        string connection = new MySqlConnectionStringBuilder(fixture.Database.ConnectionString).ConnectionString;
        IntegrationProxy proxy = await IntegrationProxy.StartAsync(fixture.Mqtt.MqttSection(replyTimeout)
            + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  record_actions = yes }}\n");
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
