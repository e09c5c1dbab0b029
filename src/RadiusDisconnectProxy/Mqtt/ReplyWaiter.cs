namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// What one request waits for: the first acknowledging reply for any of its commands, the loss of the broker
/// connection, or its deadline, whichever comes first. Completing it runs the waiting request on the completing thread
/// (the transport's receive thread), which is where the answer should go out from: no thread-pool hop per reply.
/// </summary>
internal sealed class ReplyWaiter
{
    private readonly TaskCompletionSource<ReplyWaitResult> _completion = new();

    public Task<ReplyWaitResult> Task => _completion.Task;

    public bool TryComplete(ReplyWaitResult result) => _completion.TrySetResult(result);
}
