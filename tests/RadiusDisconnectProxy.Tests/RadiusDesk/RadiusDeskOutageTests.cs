using RadiusDisconnectProxy.Mqtt;
using System.Diagnostics;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

/// <summary>Database down or stuck: answers within the request deadline (NAK 506 upstream), then recovery.</summary>
[Trait("Category", "RealService")]
[Collection(MariaDbCollection.Name)]
public sealed class RadiusDeskOutageTests(MariaDbFixture db) : IAsyncLifetime
{
    private static readonly SessionKeys s_alice = new() { UserName = "alice" };

    public async Task InitializeAsync()
    {
        await db.Server.StartAsync();
        await db.Seeder.ResetAsync();
        await RealisticInstall.SeedAsync(db.Seeder);
    }

    public async Task DisposeAsync()
    {
        await db.Server.StartAsync(); // leave the shared server running for the next test even if this one failed
    }

    [Fact]
    public async Task ServerStopped_UnavailableQuickly_ThenRecoversAfterRestart()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, recordActions: true, verify: VerifyMode.Accounting,
            verifyTimeout: TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, (await harness.Directory.FindSessionsAsync(s_alice, default)).Sessions.Count); // pooled connections exist now

        await db.Server.StopAsync();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            var elapsed = Stopwatch.StartNew();
            SessionLookupResult down = await harness.Directory.FindSessionsAsync(s_alice, deadline.Token);
            Assert.Equal(SessionLookupStatus.Unavailable, down.Status);
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2.5), $"took {elapsed.Elapsed}");
        }

        // Recording degrades to "no row" (the driver makes its own cmd_id) and verification to "not shown stopped".
        Assert.Null(await harness.Get<INodeActionRecorder>().RecordAsync(NodeMode.Mesh, 1, "chilli_query logout mac 00-11-22-33-44-55", default));
        Assert.False(await harness.Get<IDisconnectVerifier>().WaitUntilStoppedAsync([1], default));

        await db.Server.StartAsync();
        SessionLookupResult up = await WaitForRecoveryAsync(harness);
        Assert.Equal(3, up.Sessions.Count);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("6101", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("6102", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerStuck_UnavailableWithinDeadline_NoPileUp_ThenRecovers()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);
        Assert.Equal(3, (await harness.Directory.FindSessionsAsync(s_alice, default)).Sessions.Count);

        await db.Server.PauseAsync();
        try
        {
            // Many concurrent requests, each with a 400 ms deadline: every one answers in time, none waits for another.
            var elapsed = Stopwatch.StartNew();
            Task<SessionLookupResult>[] lookups = Enumerable.Range(0, 50).Select(async _ =>
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
                return await harness.Directory.FindSessionsAsync(s_alice, deadline.Token);
            }).ToArray();
            SessionLookupResult[] results = await Task.WhenAll(lookups);

            Assert.All(results, r => Assert.Equal(SessionLookupStatus.Unavailable, r.Status));
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.Elapsed}");
        }
        finally
        {
            await db.Server.ResumeAsync();
        }

        Assert.Equal(3, (await WaitForRecoveryAsync(harness)).Sessions.Count);
    }

    [Fact]
    public async Task PasswordNeverLogged()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);
        _ = harness.Directory;
        await db.Server.StopAsync();
        await harness.Directory.FindSessionsAsync(s_alice, default);
        await db.Server.StartAsync();

        Assert.Contains(harness.Logs.Lines, l => l.Contains("6100", StringComparison.Ordinal) && l.Contains("***", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("6101", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(db.Server.Password, StringComparison.Ordinal));
    }

    private static async Task<SessionLookupResult> WaitForRecoveryAsync(RadiusDeskHarness harness)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            SessionLookupResult result = await harness.Directory.FindSessionsAsync(s_alice, deadline.Token);
            if (result.Status == SessionLookupStatus.Ok)
            {
                return result;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "no recovery within 20 s");
            await Task.Delay(100);
        }
    }
}
