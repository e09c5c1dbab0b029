using System.Diagnostics;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

[Trait("Category", "RealService")]
[Collection(MariaDbCollection.Name)]
public sealed class AccountingDisconnectVerifierTests(MariaDbFixture db) : IAsyncLifetime
{
    private RealisticInstall _install = null!;

    public async Task InitializeAsync()
    {
        await db.Seeder.ResetAsync();
        _install = await RealisticInstall.SeedAsync(db.Seeder);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task True_WhenAccountingStopsEverySessionDuringTheWait()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, verify: VerifyMode.Accounting,
            verifyTimeout: TimeSpan.FromSeconds(10));
        var verifier = harness.Get<IDisconnectVerifier>();

        ValueTask<bool> wait = verifier.WaitUntilStoppedAsync([_install.AliceOnMesh, _install.AliceOnMikrotik], default);
        await Task.Delay(300);
        Assert.False(wait.IsCompleted);
        await db.Seeder.StopSessionAsync(_install.AliceOnMesh);
        await Task.Delay(300);
        Assert.False(wait.IsCompleted);
        await db.Seeder.MoveToHistoryAsync(_install.AliceOnMikrotik);

        Assert.True(await wait);
    }

    [Fact]
    public async Task False_AfterVerifyTimeout_WhenASessionStaysOpen()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, verify: VerifyMode.Accounting,
            verifyTimeout: TimeSpan.FromMilliseconds(800));
        var verifier = harness.Get<IDisconnectVerifier>();
        await db.Seeder.StopSessionAsync(_install.AliceOnMesh);
        var elapsed = Stopwatch.StartNew();

        bool stopped = await verifier.WaitUntilStoppedAsync([_install.AliceOnMesh, _install.AliceOnAp], default);

        Assert.False(stopped);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task False_WhenTheRequestDeadlineComesFirst()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, verify: VerifyMode.Accounting,
            verifyTimeout: TimeSpan.FromSeconds(30));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var elapsed = Stopwatch.StartNew();

        Assert.False(await harness.Get<IDisconnectVerifier>().WaitUntilStoppedAsync([_install.BobOnMikrotik], deadline.Token));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task True_AtOnce_WhenAlreadyStoppedOrEmpty()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, verify: VerifyMode.Accounting);
        var verifier = harness.Get<IDisconnectVerifier>();

        Assert.True(await verifier.WaitUntilStoppedAsync([_install.AliceClosed], default));
        Assert.True(await verifier.WaitUntilStoppedAsync([], default));
    }

    [Fact]
    public async Task DisabledWithVerifyNone_UntilAReloadTurnsItOn()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, verify: VerifyMode.None);
        var verifier = harness.Get<IDisconnectVerifier>();

        Assert.False(verifier.IsEnabled);
        harness.Reload(harness.Options.RadiusDesk! with { Verify = VerifyMode.Accounting });
        Assert.True(verifier.IsEnabled);
    }
}
