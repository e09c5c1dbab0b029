namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// What one request waits for: the first acknowledging reply for any of its commands, the loss of the broker
/// connection, or its deadline, whichever comes first.
/// </summary>
internal sealed class ReplyWaiter
{
    private readonly TaskCompletionSource<ReplyWaitResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ReplyWaitResult> Task => _completion.Task;

    public bool TryComplete(ReplyWaitResult result) => _completion.TrySetResult(result);
}
