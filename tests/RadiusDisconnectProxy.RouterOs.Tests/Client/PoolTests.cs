using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Client;

public sealed class PoolTests
{
    [Fact]
    public async Task Tagged_Commands_Run_Concurrently_On_One_Connection()
    {
        await using var router = new RouterOsSimulator();
        for (int i = 0; i < 10; i++)
        {
            router.AddPppSession("user" + i, "AA:BB:CC:00:00:0" + i, "10.9.0." + (i + 2), "0x8100000" + i);
        }

        await using var client = new RouterOsClient(router.CreateClientOptions() with { MaxConnections = 1 });
        router.Faults.HoldReplies();

        // All ten are held by the router at once: only possible if the client does not wait for one before sending the next.
        Task<Response>[] commands = Enumerable.Range(0, 10)
            .Select(i => client.ExecuteAsync(new Command("/ppp/active/print").WhereEquals("name", "user" + i), CancellationToken.None))
            .ToArray();
        await RouterOsSimulatorClientExtensions.WaitUntilAsync(() => router.RecordedCommands.Count == 10);
        router.Faults.ReleaseReplies();
        Response[] responses = await Task.WhenAll(commands);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal("user" + i, responses[i].Rows.Single()["name"]);
        }

        Assert.Single(router.RecordedCommands.Select(c => c.ConnectionId).Distinct());
        Assert.Equal(10, router.RecordedCommands.Select(c => c.Words.Single(w => w.StartsWith(".tag=", StringComparison.Ordinal))).Distinct().Count());
        Assert.Equal(1, router.LoginCount);
    }

    [Fact]
    public async Task Many_Commands_Never_Log_In_More_Often_Than_The_Pool_Size()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions());

        for (int round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None)));
        }

        Assert.InRange(router.LoginCount, 1, 2);
        Assert.Equal(client.LoginCount, router.LoginCount);
    }

    [Fact]
    public async Task A_Connection_Dropped_Mid_Command_Fails_That_Command_And_The_Next_Uses_A_New_Connection()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions() with { MaxConnections = 1 });
        await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);
        router.Faults.DropConnectionOn("/ppp/active/print");

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None));
        await client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None);

        Assert.Equal(RouterOsErrorCause.ConnectionLost, e.Cause);
        Assert.True(e.IsTransient);
        Assert.Equal(2, router.LoginCount);
        Assert.Equal(2, router.RecordedCommands.Where(c => c.Path == "/ppp/active/print").Select(c => c.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task A_Pooled_Connection_That_Died_Silently_Is_Replaced_Without_Failing_The_Command()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions() with { MaxConnections = 1 });
        await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);
        router.Faults.CloseSilentlyOn("/ppp/active/print");

        Response response = await client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None);

        Assert.Empty(response.Rows);
        Assert.Equal(2, router.LoginCount);
        Assert.Equal(2, router.RecordedCommands.Where(c => c.Path == "/ppp/active/print").Select(c => c.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task A_Fresh_Connection_That_Dies_Silently_Is_Not_Retried()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions() with { MaxConnections = 1 });
        router.Faults.CloseSilentlyOn("/ppp/active/print");

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.ConnectionLost, e.Cause);
        Assert.Single(router.RecordedCommands, c => c.Path == "/ppp/active/print");
    }

    [Fact]
    public async Task Fatal_Fails_The_Command_And_The_Next_Succeeds()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions() with { MaxConnections = 1 });
        router.Faults.FatalOn("/ppp/active/print");

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None));
        await client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None);

        Assert.Equal(RouterOsErrorCause.Fatal, e.Cause);
        Assert.Contains("simulated fatal error", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, router.LoginCount);
    }

    [Fact]
    public async Task A_Slow_Router_Times_Out_And_Gets_A_Cancel()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions() with { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);
        router.Faults.ReplyDelay = TimeSpan.FromSeconds(30);

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/ppp/active/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.Timeout, e.Cause);
        await RouterOsSimulatorClientExtensions.WaitUntilAsync(() => router.RecordedCommands.Any(c => c.Path == "/cancel"));
        RecordedCommand print = router.RecordedCommands.Single(c => c.Path == "/ppp/active/print");
        RecordedCommand cancel = router.RecordedCommands.Single(c => c.Path == "/cancel");
        Assert.Equal(print.Words.Single(w => w.StartsWith(".tag=", StringComparison.Ordinal))[5..], cancel.Attribute("tag"));
    }

    [Fact]
    public async Task The_Callers_Cancellation_Is_Honoured()
    {
        await using var router = new RouterOsSimulator();
        await using var client = new RouterOsClient(router.CreateClientOptions());
        await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);
        router.Faults.ReplyDelay = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.ExecuteAsync(new Command("/ppp/active/print"), cancel.Token));
    }

    [Fact]
    public async Task Dispose_Quits_Each_Connection()
    {
        await using var router = new RouterOsSimulator();
        var client = new RouterOsClient(router.CreateClientOptions());
        await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);

        await client.DisposeAsync();

        Assert.Contains(router.RecordedCommands, c => c.Path == "/quit");
        await RouterOsSimulatorClientExtensions.WaitUntilAsync(() => router.ConnectionCount == 0);
    }
}
