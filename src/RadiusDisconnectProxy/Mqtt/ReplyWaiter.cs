namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// What one request waits for: the first acknowledging reply for any of its commands, the loss of the broker
/// connection, or its deadline, whichever comes first. Completing it runs the waiting request on the completing thread
/// (the transport's receive thread), which is where the answer should go out from: no thread-pool hop per reply.
/// It is its own task source, and its token source comes from a small pool (docs/load-testing.md, "Slow-path
/// allocation"): a fresh one per request also cost a registration list and node once a publish registered on it.
/// </summary>
internal sealed class ReplyWaiter : TaskCompletionSource<ReplyWaitResult>
{
    private const int PoolSize = 256;

    private static readonly Lock s_poolLock = new();
    private static readonly Stack<CancellationTokenSource> s_pool = new();

    private readonly CancellationTokenSource _stopped;
    private int _done;

    public ReplyWaiter(long deadline = long.MaxValue)
    {
        Deadline = deadline;
        lock (s_poolLock)
        {
            _stopped = s_pool.TryPop(out CancellationTokenSource? pooled) ? pooled : new CancellationTokenSource();
        }
    }

    /// <summary><see cref="Environment.TickCount64"/> at which the request stops waiting (<see cref="ReplyDeadlines"/>).</summary>
    public long Deadline { get; }

    /// <summary>Cancelled when the wait ends without an acknowledgement: a publish still waiting for its PUBACK gives up then.</summary>
    public CancellationToken Cancellation => _stopped.Token;

    /// <summary>Ends the wait with <paramref name="result"/>, unless it has ended already or the request has retired it.</summary>
    public bool TryComplete(ReplyWaitResult result)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return false;
        }

        // Cancelled before the waiting request resumes: once it resumes it may retire the waiter at once.
        if (result.Status != ReplyWaitStatus.Acknowledged)
        {
            _stopped.Cancel();
        }

        TrySetResult(result);
        return true;
    }

    /// <summary>
    /// The request is done with this waiter (every publish it made has finished): later completions are refused, and the
    /// token source goes back to the pool when nothing cancelled it or still can.
    /// </summary>
    public void Retire()
    {
        bool untouched = Interlocked.Exchange(ref _done, 1) == 0
            || (Task.IsCompletedSuccessfully && Task.Result.Status == ReplyWaitStatus.Acknowledged);
        if (untouched && _stopped.TryReset())
        {
            lock (s_poolLock)
            {
                if (s_pool.Count < PoolSize)
                {
                    s_pool.Push(_stopped);
                }
            }
        }
    }
}
