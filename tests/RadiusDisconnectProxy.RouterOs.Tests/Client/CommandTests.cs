using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Client;

public sealed class CommandTests : IAsyncLifetime
{
    private RouterOsSimulator _router = null!;
    private RouterOsClient _client = null!;

    public Task InitializeAsync()
    {
        _router = new RouterOsSimulator();
        _client = new RouterOsClient(_router.CreateClientOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task Print_Applies_Queries_And_Proplist()
    {
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotSession("bob", "AA:BB:CC:DD:EE:02", "10.5.50.11");
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:03", "10.5.50.12");

        Response response = await _client.ExecuteAsync(
            new Command("/ip/hotspot/active/print").Proplist(".id", "address").WhereEquals("user", "alice"), CancellationToken.None);

        Assert.Equal(["10.5.50.10", "10.5.50.12"], response.Rows.Select(r => r["address"]));
        Assert.All(response.Rows, r => Assert.Equal([".id", "address"], r.Properties.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Print_Or_Query_Selects_Either()
    {
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        _router.AddPppSession("dave", "AA:BB:CC:00:00:02", "10.9.0.3", "0x81000002");
        _router.AddPppSession("erin", "AA:BB:CC:00:00:03", "10.9.0.4", "0x81000003");

        Response response = await _client.ExecuteAsync(
            new Command("/ppp/active/print").WhereEquals("name", "carol").WhereEquals("name", "erin").QueryOperations("|"),
            CancellationToken.None);

        Assert.Equal(["carol", "erin"], response.Rows.Select(r => r["name"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_Empty_Print_Has_No_Rows_With_Or_Without_Empty_Reply(bool emptyReplies)
    {
        await using var router = new RouterOsSimulator(new RouterOsSimulatorOptions { EmptyReplies = emptyReplies });
        await using var client = new RouterOsClient(router.CreateClientOptions());

        Response response = await client.ExecuteAsync(new Command("/ppp/active/print").WhereEquals("name", "nobody"), CancellationToken.None);

        Assert.Empty(response.Rows);
    }

    [Fact]
    public async Task Remove_Of_A_Missing_Item_Traps_And_The_Connection_Stays_Usable()
    {
        RouterOsTrapException trap = await Assert.ThrowsAsync<RouterOsTrapException>(
            () => _client.ExecuteAsync(new Command("/ppp/active/remove").Attribute(".id", "*FFFF"), CancellationToken.None));

        Assert.True(trap.IsNoSuchItem);
        Assert.False(trap.IsTransient);
        await _client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);
        Assert.Equal(1, _router.LoginCount);
    }

    [Fact]
    public async Task Unknown_Command_Trap_Carries_Category()
    {
        RouterOsTrapException trap = await Assert.ThrowsAsync<RouterOsTrapException>(
            () => _client.ExecuteAsync(new Command("/no/such/print"), CancellationToken.None));

        Assert.Equal(0, trap.Category);
        Assert.Contains("no such command", trap.RouterMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_Deletes_The_Row()
    {
        string id = _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");

        await _client.ExecuteAsync(new Command("/ppp/active/remove").Attribute(".id", id), CancellationToken.None);

        Assert.Equal(0, _router.PppActive.Count);
        Assert.Null(_router.FindQueue("<pppoe-carol>"));
    }
}
