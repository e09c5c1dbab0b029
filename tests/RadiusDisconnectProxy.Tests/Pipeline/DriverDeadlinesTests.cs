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

    /// <summary>The executor's part, reduced to naming how the call ended.</summary>
    private static DriverResult Finish(in DriverCallResult end, in DriverCallInfo info) => end.End == DriverCallEnd.Completed
        ? end.Result
        : DriverResult.Nak(ErrorCause.ResourcesUnavailable, $"{end.End} {end.Error?.GetType().Name}".TrimEnd());

    // The bodies run on the thread pool, as the proxy's requests do: under the test framework's synchronization context
    // a task's continuations are queued instead of run inline, and a call would reach the pool later than in the proxy.
    [Fact]
    public Task DriverFirst_ItsResultCounts_AndTheCallIsReusedWithAFreshToken() => Task.Run(async () =>
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token, Finish);

        DriverCall first = deadlines.Start(new DriverCallInfo(null, null, s_long));
        var pending = new TaskCompletionSource<DriverResult>();
        ValueTask<DriverResult> wait = first.Wait(new ValueTask<DriverResult>(pending.Task));
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, deadlines.Running);
        pending.SetResult(DriverResult.Ack("done"));
        DriverResult end = await wait;
        Assert.Equal("done", end.Detail);
        Assert.Equal(0, deadlines.Running);

        DriverCall second = deadlines.Start(new DriverCallInfo(null, null, s_long));
        Assert.Same(first, second);
        Assert.False(second.Token.IsCancellationRequested);
        DriverResult synchronous = await second.Wait(new ValueTask<DriverResult>(DriverResult.Nak(ErrorCause.SessionContextNotFound)));
        Assert.Equal(ErrorCause.SessionContextNotFound, synchronous.ErrorCause);
    });

    [Fact]
    public Task DeadlineFirst_TimesOutAndCancelsTheToken_TheLateResultIsDiscarded() => Task.Run(async () =>
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token, Finish);
        DriverCall call = deadlines.Start(new DriverCallInfo(null, null, TimeSpan.FromMilliseconds(100)));
        CancellationToken token = call.Token;
        var late = new TaskCompletionSource<DriverResult>();
        ValueTask<DriverResult> wait = call.Wait(new ValueTask<DriverResult>(late.Task));

        DriverResult end = await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("TimedOut", end.Detail);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(0, deadlines.Running);

        // Until the late driver finishes, its pooled call is not handed out again.
        DriverCall other = deadlines.Start(new DriverCallInfo(null, null, s_long));
        Assert.NotSame(call, other);
        Assert.True((await other.Wait(new ValueTask<DriverResult>(DriverResult.Ack()))).IsAck);
        late.SetResult(DriverResult.Ack());

        // Now it is, with a token that was never cancelled.
        DriverCall reused = deadlines.Start(new DriverCallInfo(null, null, s_long));
        Assert.Same(call, reused);
        Assert.False(reused.Token.IsCancellationRequested);
        Assert.True((await reused.Wait(new ValueTask<DriverResult>(DriverResult.Ack()))).IsAck);
    });

    [Fact]
    public async Task DriverThrows_TheErrorIsTheResult()
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token, Finish);
        DriverResult thrown = await deadlines.Start(new DriverCallInfo(null, null, s_long)).Fail(new InvalidOperationException("bug"));
        Assert.Equal("Failed InvalidOperationException", thrown.Detail);

        DriverResult faulted = await deadlines.Start(new DriverCallInfo(null, null, s_long)).Wait(new ValueTask<DriverResult>(Task.FromException<DriverResult>(new TimeoutException())));
        Assert.Equal("Failed TimeoutException", faulted.Detail);
        Assert.Equal(0, deadlines.Running);
    }

    [Fact]
    public async Task Shutdown_EndsRunningCallsAtOnce_AndLaterCallsStartCancelled()
    {
        using var abort = new CancellationTokenSource();
        var deadlines = new DriverDeadlines(TimeProvider.System, abort.Token, Finish);
        DriverCall running = deadlines.Start(new DriverCallInfo(null, null, s_long));
        CancellationToken token = running.Token;
        ValueTask<DriverResult> wait = running.Wait(new ValueTask<DriverResult>(new TaskCompletionSource<DriverResult>().Task));

        await abort.CancelAsync();
        Assert.Equal("Aborted", (await wait).Detail);
        Assert.True(token.IsCancellationRequested);

        DriverCall later = deadlines.Start(new DriverCallInfo(null, null, s_long));
        Assert.True(later.Token.IsCancellationRequested);
        int generation = later.Generation;
        ValueTask<DriverResult> laterWait = later.Wait(new ValueTask<DriverResult>(new TaskCompletionSource<DriverResult>().Task));
        deadlines.AbortIfShuttingDown(later, generation);
        Assert.Equal("Aborted", (await laterWait).Detail);

        // A driver that answers at once even so keeps its answer (as with a cancelled linked token before).
        DriverCall quick = deadlines.Start(new DriverCallInfo(null, null, s_long));
        ValueTask<DriverResult> quickWait = quick.Wait(new ValueTask<DriverResult>(DriverResult.Ack()));
        deadlines.AbortIfShuttingDown(quick, quick.Generation);
        Assert.True((await quickWait).IsAck);
    }
}
