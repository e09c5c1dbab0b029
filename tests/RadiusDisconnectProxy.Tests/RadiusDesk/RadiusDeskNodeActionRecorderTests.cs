using MySqlConnector;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

[Trait("Category", "RealService")]
[Collection(MariaDbCollection.Name)]
public sealed class RadiusDeskNodeActionRecorderTests(MariaDbFixture db) : IAsyncLifetime
{
    public Task InitializeAsync() => db.Seeder.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MeshAction_AwaitingThenFetchedThenReplied()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, recordActions: true);
        var recorder = harness.Get<INodeActionRecorder>();

        long? cmdId = await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", default);

        Assert.NotNull(cmdId);
        Assert.Equal((146L, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", "awaiting", (string?)null),
            await db.Seeder.GetActionAsync("node_actions", cmdId.Value));

        await recorder.MarkAsync(NodeMode.Mesh, cmdId.Value, "os_command", null, default);
        Assert.Equal("fetched", (await db.Seeder.GetActionAsync("node_actions", cmdId.Value))!.Value.Status);

        await recorder.MarkAsync(NodeMode.Mesh, cmdId.Value, "replied", "logged out\n", default);
        Assert.Equal(("replied", "logged out\n"), ((await db.Seeder.GetActionAsync("node_actions", cmdId.Value))!.Value.Status,
            (await db.Seeder.GetActionAsync("node_actions", cmdId.Value))!.Value.Reply));

        // A late "fetched" never turns a replied row back.
        await recorder.MarkAsync(NodeMode.Mesh, cmdId.Value, "fetched", null, default);
        Assert.Equal("replied", (await db.Seeder.GetActionAsync("node_actions", cmdId.Value))!.Value.Status);
    }

    [Fact]
    public async Task ApActions_NumberIndependentlyOfNodeActions()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, recordActions: true);
        var recorder = harness.Get<INodeActionRecorder>();

        long? node = await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", default);
        long? ap = await recorder.RecordAsync(NodeMode.Ap, 12, "chilli_query logout mac 0C-C6-FD-7B-8B-AB", default);
        await recorder.MarkAsync(NodeMode.Ap, ap!.Value, "fetched", null, default);

        // Each table has its own ids (so replies are matched on mode, device and cmd_id); marking the AP row leaves the node row alone.
        Assert.Equal((12L, "chilli_query logout mac 0C-C6-FD-7B-8B-AB", "fetched", (string?)null),
            await db.Seeder.GetActionAsync("ap_actions", ap.Value));
        Assert.Equal("awaiting", (await db.Seeder.GetActionAsync("node_actions", node!.Value))!.Value.Status);
    }

    [Fact]
    public async Task AfterAReloadToAnotherDatabase_ARowOfTheOldOneIsNeverMarkedInTheNewOne_NewRowsGoThere()
    {
        await db.Server.ExecuteAsRootAsync($"""
            DROP DATABASE IF EXISTS rd_other;
            CREATE DATABASE rd_other CHARACTER SET utf8mb4;
            GRANT ALL ON rd_other.* TO '{MariaDbServer.UserName}'@'127.0.0.1';
            USE rd_other;
            {RadiusDeskSchema.Sql}
            """);
        string other = new MySqlConnectionStringBuilder(db.Server.ConnectionString) { Database = "rd_other" }.ConnectionString;
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, recordActions: true);
        var recorder = harness.Get<INodeActionRecorder>();
        long old = (await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", default))!.Value;
        // The new database happens to hold a row with the same id and node, awaiting.
        await using (var connection = new MySqlConnection(other))
        {
            await connection.OpenAsync();
            await using var insert = new MySqlCommand(
                "INSERT INTO node_actions (id, node_id, action, command, status, created, modified) VALUES (@id, 146, 'execute', 'reboot', 'awaiting', NOW(), NOW())",
                connection);
            insert.Parameters.AddWithValue("@id", old);
            await insert.ExecuteNonQueryAsync();
        }

        harness.Reload(harness.Options.RadiusDesk! with { ConnectionString = other });
        // The reply to the command sent before the reload arrives after it.
        await recorder.MarkAsync(NodeMode.Mesh, old, "replied", "logged out\n", default);
        long next = (await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AB", default))!.Value;
        await recorder.MarkAsync(NodeMode.Mesh, next, "os_command", null, default);

        var seeder = new RadiusDeskSeeder(other);
        Assert.Equal((146L, "reboot", "awaiting", (string?)null), await seeder.GetActionAsync("node_actions", old));
        Assert.Equal((146L, "chilli_query logout mac 0C-C6-FD-7B-8B-AB", "fetched", (string?)null), await seeder.GetActionAsync("node_actions", next));
        Assert.NotEqual("chilli_query logout mac 0C-C6-FD-7B-8B-AB", (await db.Seeder.GetActionAsync("node_actions", next))?.Command);
    }

    [Fact]
    public async Task RecordsNothingWithRecordActionsNo_UntilAReloadTurnsItOn()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, recordActions: false);
        var recorder = harness.Get<INodeActionRecorder>();

        Assert.Null(await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", default));

        harness.Reload(harness.Options.RadiusDesk! with { RecordActions = true });
        long? row = await recorder.RecordAsync(NodeMode.Mesh, 146, "chilli_query logout mac 0C-C6-FD-7B-8B-AA", default);

        Assert.NotNull(row);
        Assert.Equal("awaiting", (await db.Seeder.GetActionAsync("node_actions", row.Value))!.Value.Status);
    }
}
