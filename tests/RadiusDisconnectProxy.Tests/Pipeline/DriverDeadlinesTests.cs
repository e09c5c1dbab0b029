using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>
/// The shared driver deadlines (one timer, pooled calls) keep what a linked token source, <c>CancelAfter</c> and
/// <c>WaitAsync</c> per request did: the first of driver, deadline and shutdown decides; the driver's token is cancelled
/// when the deadline or the shutdown wins; a late driver never disturbs the call that reuses its pooled object.
/// </summary>
public sealed class DriverDeadlinesTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(30);

    // The bodies run on the thread pool, as the proxy's requests do: under the test framework's synchronization context
    // a task's continuations are queued instead of run inline, and a call would reach the pool later than in the proxy.
    [Fact]
    public Task DriverFirst_ItsResultCounts_AndTheCallIsReusedWithAFreshToken() => Task.Run(async () =>
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token);

        DriverCall first = deadlines.Start(s_long);
        var pending = new TaskCompletionSource<DriverResult>();
        ValueTask<DriverCallResult> wait = first.Wait(new ValueTask<DriverResult>(pending.Task));
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, deadlines.Running);
        pending.SetResult(DriverResult.Ack("done"));
        DriverCallResult end = await wait;
        Assert.Equal(DriverCallEnd.Completed, end.End);
        Assert.Equal("done", end.Result.Detail);
        Assert.Equal(0, deadlines.Running);

        DriverCall second = deadlines.Start(s_long);
        Assert.Same(first, second);
        Assert.False(second.Token.IsCancellationRequested);
        DriverCallResult synchronous = await second.Wait(new ValueTask<DriverResult>(DriverResult.Nak(ErrorCause.SessionContextNotFound)));
        Assert.Equal(ErrorCause.SessionContextNotFound, synchronous.Result.ErrorCause);
    });

    [Fact]
    public Task DeadlineFirst_TimesOutAndCancelsTheToken_TheLateResultIsDiscarded() => Task.Run(async () =>
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token);
        DriverCall call = deadlines.Start(TimeSpan.FromMilliseconds(100));
        CancellationToken token = call.Token;
        var late = new TaskCompletionSource<DriverResult>();
        ValueTask<DriverCallResult> wait = call.Wait(new ValueTask<DriverResult>(late.Task));

        DriverCallResult end = await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DriverCallEnd.TimedOut, end.End);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(0, deadlines.Running);

        // Until the late driver finishes, its pooled call is not handed out again.
        DriverCall other = deadlines.Start(s_long);
        Assert.NotSame(call, other);
        Assert.Equal(DriverCallEnd.Completed, (await other.Wait(new ValueTask<DriverResult>(DriverResult.Ack()))).End);
        late.SetResult(DriverResult.Ack());

        // Now it is, with a token that was never cancelled.
        DriverCall reused = deadlines.Start(s_long);
        Assert.Same(call, reused);
        Assert.False(reused.Token.IsCancellationRequested);
        Assert.Equal(DriverCallEnd.Completed, (await reused.Wait(new ValueTask<DriverResult>(DriverResult.Ack()))).End);
    });

    [Fact]
    public async Task DriverThrows_TheErrorIsTheResult()
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token);
        DriverCallResult thrown = await deadlines.Start(s_long).Fail(new InvalidOperationException("bug"));
        Assert.Equal(DriverCallEnd.Failed, thrown.End);
        Assert.IsType<InvalidOperationException>(thrown.Error);

        DriverCallResult faulted = await deadlines.Start(s_long).Wait(new ValueTask<DriverResult>(Task.FromException<DriverResult>(new TimeoutException())));
        Assert.Equal(DriverCallEnd.Failed, faulted.End);
        Assert.IsType<TimeoutException>(faulted.Error);
        Assert.Equal(0, deadlines.Running);
    }

    [Fact]
    public async Task Shutdown_EndsRunningCallsAtOnce_AndLaterCallsStartCancelled()
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token);
        DriverCall running = deadlines.Start(s_long);
        CancellationToken token = running.Token;
        ValueTask<DriverCallResult> wait = running.Wait(new ValueTask<DriverResult>(new TaskCompletionSource<DriverResult>().Task));

        await abort.CancelAsync();
        Assert.Equal(DriverCallEnd.Aborted, (await wait).End);
        Assert.True(token.IsCancellationRequested);

        DriverCall later = deadlines.Start(s_long);
        Assert.True(later.Token.IsCancellationRequested);
        int generation = later.Generation;
        ValueTask<DriverCallResult> laterWait = later.Wait(new ValueTask<DriverResult>(new TaskCompletionSource<DriverResult>().Task));
        deadlines.AbortIfShuttingDown(later, generation);
        Assert.Equal(DriverCallEnd.Aborted, (await laterWait).End);

        // A driver that answers at once even so keeps its answer (as with a cancelled linked token before).
        DriverCall quick = deadlines.Start(s_long);
        ValueTask<DriverCallResult> quickWait = quick.Wait(new ValueTask<DriverResult>(DriverResult.Ack()));
        deadlines.AbortIfShuttingDown(quick, quick.Generation);
        Assert.Equal(DriverCallEnd.Completed, (await quickWait).End);
    }
}
