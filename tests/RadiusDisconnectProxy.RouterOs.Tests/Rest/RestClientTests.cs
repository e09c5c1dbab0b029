using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Rest;

public sealed class RestClientTests : IAsyncLifetime
{
    private RouterOsSimulator _router = null!;

    public async Task InitializeAsync() => _router = await RestFixture.StartAsync();

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task Get_Filters_By_Equality_And_Returns_Only_The_Proplist_As_Strings()
    {
        _router.AddPppSession("alice", "0C:C6:FD:7B:8B:AA", "10.0.0.5", "81000001");
        _router.AddPppSession("bob", "0C:C6:FD:7B:8B:BB", "10.0.0.6", "81000002");
        using var client = new RouterOsRestClient(RestFixture.Https(_router));

        IReadOnlyList<Row> rows = await client.GetAsync("/ppp/active", [new("caller-id", "0C:C6:FD:7B:8B:AA")],
            [".id", "name", "caller-id", "address", "service"], CancellationToken.None);

        Row row = Assert.Single(rows);
        Assert.Equal("alice", row["name"]);
        Assert.Equal("pppoe", row["service"]);
        Assert.Equal([".id", "address", "caller-id", "name", "service"], row.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("/rest/ppp/active?.proplist=.id,name,caller-id,address,service&caller-id=0C%3AC6",
            _router.RecordedRestRequests[^1].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Print_Evaluates_A_Query_Stack()
    {
        _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.8");
        _router.AddHotspotSession("bob", "0C:C6:FD:7B:8B:BB", "10.5.50.9");
        _router.AddHotspotSession("carol", "0C:C6:FD:7B:8B:CC", "10.5.50.10");
        using var client = new RouterOsRestClient(RestFixture.Http(_router));

        IReadOnlyList<Row> rows = await client.PrintAsync("ip/hotspot/active", ["user=alice", "user=carol", "#|"], [".id", "user"],
            CancellationToken.None);

        Assert.Equal(["alice", "carol"], rows.Select(r => r["user"]));
        Assert.Equal("application/json", _router.RecordedRestRequests[^1].ContentType);
    }

    [Fact]
    public async Task Delete_Is_Done_On_204_And_Already_Gone_On_404()
    {
        string id = _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.8");
        using var client = new RouterOsRestClient(RestFixture.Https(_router));

        Assert.Equal(RestRemoveResult.Removed, await client.DeleteAsync("/ip/hotspot/active", id, CancellationToken.None));
        Assert.Equal(RestRemoveResult.AlreadyGone, await client.DeleteAsync("/ip/hotspot/active", id, CancellationToken.None));

        Assert.Equal(0, _router.HotspotActive.Count);
        Assert.Null(_router.FindQueue("<hotspot-alice>"));
        Assert.Equal("DELETE /rest/ip/hotspot/active/" + id, _router.RecordedRestRequests[0].ToString());
    }

    [Fact]
    public async Task Delete_Answered_200_Is_Done_Too()
    {
        await using RouterOsSimulator router = await RestFixture.StartAsync(new RouterOsSimulatorOptions { RestDeleteStatus = 200 });
        string id = router.AddDhcpLease("0C:C6:FD:7B:8B:AA", "192.168.88.20");
        using var client = new RouterOsRestClient(RestFixture.Http(router));

        Assert.Equal(RestRemoveResult.Removed, await client.DeleteAsync("ip/dhcp-server/lease", id, CancellationToken.None));
        Assert.Equal(0, router.DhcpLeases.Count);
    }

    [Fact]
    public async Task An_Error_Body_Becomes_A_Typed_Error_With_The_RouterOS_Detail()
    {
        string id = _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.8");
        _router.Faults.RefuseRemove("/ip/hotspot/active/remove", "failure: session is being torn down");
        using var client = new RouterOsRestClient(RestFixture.Http(_router));

        RouterOsRestException e = await Assert.ThrowsAsync<RouterOsRestException>(
            () => client.DeleteAsync("ip/hotspot/active", id, CancellationToken.None));

        Assert.Equal(400, e.Status);
        Assert.Equal("Bad Request", e.RouterMessage);
        Assert.Equal("failure: session is being torn down", e.Detail);
        Assert.Equal(RouterOsErrorCause.Trap, e.Cause);
        Assert.False(e.IsNoSuchItem);
    }

    [Fact]
    public async Task Post_Remove_Of_A_Missing_Id_Is_No_Such_Item()
    {
        using var client = new RouterOsRestClient(RestFixture.Http(_router));

        RouterOsRestException e = await Assert.ThrowsAsync<RouterOsRestException>(
            () => client.PostAsync("ip/hotspot/active", "remove", [new(".id", "*DEAD")], CancellationToken.None));

        Assert.True(e.IsNoSuchItem);
        Assert.Equal("no such item", e.Detail);
    }

    [Fact]
    public async Task A_Dynamic_Queue_Refuses_A_Patch()
    {
        _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.8");
        _router.Faults.RefuseDynamicQueueSet = true;
        string id = _router.FindQueue("<hotspot-alice>")!["." + "id"];
        using var client = new RouterOsRestClient(RestFixture.Http(_router));

        RouterOsRestException e = await Assert.ThrowsAsync<RouterOsRestException>(
            () => client.PatchAsync("queue/simple", id, [new("max-limit", "2M/4M")], CancellationToken.None));

        Assert.Contains("can not change dynamic", e.Detail, StringComparison.Ordinal);
        Assert.Equal("1000000/2000000", _router.FindQueue("<hotspot-alice>")!["max-limit"]);
    }

    [Fact]
    public async Task Patch_Sets_And_Returns_The_Item()
    {
        _router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.8");
        string id = _router.FindQueue("<hotspot-alice>")![".id"];
        using var client = new RouterOsRestClient(RestFixture.Https(_router));

        Row? updated = await client.PatchAsync("queue/simple", id, [new("max-limit", "2000000/4000000")], CancellationToken.None);

        Assert.Equal("2000000/4000000", updated?["max-limit"]);
        Assert.Equal("2000000/4000000", _router.FindQueue("<hotspot-alice>")!["max-limit"]);
    }

    [Fact]
    public async Task System_Resource_Is_One_Row()
    {
        using var client = new RouterOsRestClient(RestFixture.Https(_router));

        Row? resource = await client.GetOneAsync("system/resource", CancellationToken.None);

        Assert.Equal("7.19.4 (stable)", resource?["version"]);
    }

    [Fact]
    public async Task Bad_Credentials_Are_An_Authentication_Failure()
    {
        using var client = new RouterOsRestClient(RestFixture.Https(_router) with { Password = "wrong" });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsRestException>(
            () => client.GetOneAsync("system/resource", CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.AuthenticationFailed, e.Cause);
        Assert.DoesNotContain("wrong", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _router.RestUnauthorizedCount);
    }

    [Fact]
    public async Task Connections_Are_Reused_Across_Requests()
    {
        _router.AddPppSession("alice", "0C:C6:FD:7B:8B:AA", "10.0.0.5", "81000001");
        using var client = new RouterOsRestClient(RestFixture.Https(_router));

        for (int i = 0; i < 50; i++)
        {
            await client.GetAsync("ppp/active", [new("name", "alice")], [".id"], CancellationToken.None);
        }

        Assert.Equal(1, client.ConnectionsOpened);
        Assert.Equal(1, _router.RestConnectionCount);
        Assert.Equal(50, _router.RestRequestCount);
    }

    [Fact]
    public async Task A_Router_That_Is_Down_Fails_Fast_As_Connect_Failed()
    {
        RouterOsRestOptions options = RestFixture.Http(_router);
        await _router.StopRestAsync();
        using var client = new RouterOsRestClient(options);

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(() => client.GetOneAsync("system/resource", CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.ConnectFailed, e.Cause);
    }

    [Fact]
    public async Task A_Slow_Router_Times_Out_At_The_Request_Deadline()
    {
        _router.Faults.ReplyDelay = TimeSpan.FromSeconds(5);
        using var client = new RouterOsRestClient(RestFixture.Http(_router) with { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(() => client.GetOneAsync("system/resource", CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.Timeout, e.Cause);
    }

    [Fact]
    public async Task The_Binary_API_And_REST_Share_One_Router_State()
    {
        await using var api = new RouterOsClient(_router.CreateClientOptions());
        using var rest = new RouterOsRestClient(RestFixture.Http(_router));
        string id = _router.AddPppSession("alice", "0C:C6:FD:7B:8B:AA", "10.0.0.5", "81000001");

        await rest.DeleteAsync("ppp/active", id, CancellationToken.None);
        Response viaApi = await api.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None);

        Assert.Empty(viaApi.Rows);
    }
}
