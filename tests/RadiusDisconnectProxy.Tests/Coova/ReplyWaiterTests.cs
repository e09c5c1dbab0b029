using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// A reply waiter's token source is pooled: a waiter that ended without an acknowledgement keeps its cancelled source
/// out of the pool, and a retired waiter refuses later completions, so no late reply or deadline can cancel a source
/// another request now holds.
/// </summary>
public sealed class ReplyWaiterTests
{
    [Fact]
    public void TimedOut_CancelsItsToken_AndARetiredWaiterRefusesLateCompletions()
    {
        var timedOut = new ReplyWaiter();
        CancellationToken token = timedOut.Cancellation;
        Assert.True(timedOut.TryComplete(new ReplyWaitResult(ReplyWaitStatus.TimedOut, null)));
        Assert.True(token.IsCancellationRequested);
        timedOut.Retire();

        // The cancelled source never comes back: a new waiter's token is not cancelled.
        var next = new ReplyWaiter();
        Assert.False(next.Cancellation.IsCancellationRequested);

        // Retired without an outcome (the request gave up early): a later reply or deadline is refused and cancels nothing.
        CancellationToken nextToken = next.Cancellation;
        next.Retire();
        Assert.False(next.TryComplete(new ReplyWaitResult(ReplyWaitStatus.TimedOut, null)));
        Assert.False(nextToken.IsCancellationRequested);
        Assert.False(next.Task.IsCompleted);
    }

    [Fact]
    public async Task Acknowledged_LeavesTheTokenAlone()
    {
        var waiter = new ReplyWaiter();
        CancellationToken token = waiter.Cancellation;
        Assert.True(waiter.TryComplete(new ReplyWaitResult(ReplyWaitStatus.Acknowledged, null)));
        Assert.False(waiter.TryComplete(new ReplyWaitResult(ReplyWaitStatus.ConnectionLost, null)));
        Assert.Equal(ReplyWaitStatus.Acknowledged, (await waiter.Task).Status);
        Assert.False(token.IsCancellationRequested);
        waiter.Retire();
    }
}
