namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Bounds the authentic requests being worked on (<c>max_pending</c>, docs/operations.md): beyond it a request is answered
/// NAK 506 at once instead of queueing. Also lets a graceful stop wait until every accepted request was answered.
/// </summary>
internal sealed class PendingRequests(int maxPending)
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private volatile bool _draining;

    public int Count => Volatile.Read(ref _count);

    public int MaxPending { get; } = maxPending;

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _count) > MaxPending)
        {
            Exit();
            return false;
        }

        return true;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Completes when nothing is pending any more; call once the receive loops have stopped.</summary>
    public Task WhenDrained()
    {
        _draining = true;
        if (Count == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
