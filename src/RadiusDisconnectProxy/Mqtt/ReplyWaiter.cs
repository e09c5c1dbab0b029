namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// What one request waits for: the first acknowledging reply for any of its commands, the loss of the broker
/// connection, or its deadline, whichever comes first. Completing it runs the waiting request on the completing thread
/// (the transport's receive thread), which is where the answer should go out from: no thread-pool hop per reply.
/// It is its own task source (one object less per request than holding one).
/// </summary>
internal sealed class ReplyWaiter : TaskCompletionSource<ReplyWaitResult>
{
    private readonly CancellationTokenSource _stopped = new();

    public ReplyWaiter(long deadline = long.MaxValue)
    {
        Deadline = deadline;
    }

    /// <summary><see cref="Environment.TickCount64"/> at which the request stops waiting (<see cref="ReplyDeadlines"/>).</summary>
    public long Deadline { get; }

    /// <summary>Cancelled when the wait ends without an acknowledgement: a publish still waiting for its PUBACK gives up then.</summary>
    public CancellationToken Cancellation => _stopped.Token;

    public bool TryComplete(ReplyWaitResult result)
    {
        if (!TrySetResult(result))
        {
            return false;
        }

        if (result.Status != ReplyWaitStatus.Acknowledged)
        {
            _stopped.Cancel();
        }

        return true;
    }
}
