using System.Threading.Tasks.Sources;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>How a driver call under a deadline ended (<see cref="DriverCall"/>).</summary>
internal enum DriverCallEnd
{
    /// <summary>The driver returned <see cref="DriverCallResult.Result"/>.</summary>
    Completed,

    /// <summary>The driver threw <see cref="DriverCallResult.Error"/>.</summary>
    Failed,

    /// <summary>The deadline passed first (the driver's token is cancelled; its late result is discarded).</summary>
    TimedOut,

    /// <summary>The shutdown abort came first.</summary>
    Aborted,
}

internal readonly record struct DriverCallResult(DriverCallEnd End, DriverResult Result, Exception? Error);

/// <summary>What the request's owner needs to turn a <see cref="DriverCallResult"/> into the driver result (log, count).</summary>
internal readonly record struct DriverCallInfo(NasTarget? Nas, NasMetrics? Metrics, TimeSpan Timeout);

/// <summary>Turns how a call ended into the request's result (<see cref="RequestExecutor"/>: NAK 506 on timeout or failure).</summary>
internal delegate DriverResult DriverCallFinish(in DriverCallResult end, in DriverCallInfo info);

/// <summary>
/// One driver call racing its deadline (<see cref="DriverDeadlines"/>): what a linked token source with
/// <c>CancelAfter</c> plus <c>WaitAsync(timeout)</c> did per request, in a pooled object (docs/load-testing.md,
/// "Slow-path allocation"). The first of the driver's completion, the deadline and the shutdown abort decides the result;
/// the driver's token is cancelled when the deadline or the abort wins. The object goes back to the pool only once both
/// the waiting request has read its result and the driver's own task has finished, so a late driver never touches a
/// reused call; its token source is reused only when it was never cancelled (<see cref="CancellationTokenSource.TryReset"/>).
/// </summary>
internal sealed class DriverCall : IValueTaskSource<DriverResult>
{
    private readonly DriverDeadlines _owner;
    private readonly DriverCallFinish _finish;
    private readonly Action _driverDone;
    private DriverCallInfo _info;
    private ManualResetValueTaskSourceCore<DriverCallResult> _core;
    private CancellationTokenSource _cancellation = new();
    private ValueTask<DriverResult> _driver;
    private int _generation;
    private long _state; // generation × 2, plus 1 once decided: a late expiry of an earlier use cannot decide a reused call
    private int _holders;

    public DriverCall(DriverDeadlines owner, DriverCallFinish finish)
    {
        _owner = owner;
        _finish = finish;
        _driverDone = OnDriverDone;
    }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at which the call times out.</summary>
    public long Deadline { get; private set; }

    /// <summary>Which use of this pooled object is running (for <see cref="Expire"/>).</summary>
    public int Generation => _generation;

    /// <summary>The token the driver gets: cancelled at the deadline or on shutdown.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Readies a pooled (or new) call; the owner has put it among the running calls.</summary>
    internal void Begin(long deadline, in DriverCallInfo info)
    {
        _core.Reset();
        _info = info;
        Deadline = deadline;
        _generation++;
        Volatile.Write(ref _state, (long)_generation << 1);
        _holders = 2; // the waiting request and the driver's task
    }

    /// <summary>
    /// Waits for <paramref name="driver"/> (just returned by the driver) against the deadline; the returned task is awaited
    /// exactly once, and its result is what the owner's finish function made of the end.
    /// </summary>
    public ValueTask<DriverResult> Wait(ValueTask<DriverResult> driver)
    {
        _driver = driver;
        if (driver.IsCompleted)
        {
            OnDriverDone();
        }
        else
        {
            driver.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_driverDone);
        }

        return new ValueTask<DriverResult>(this, _core.Version);
    }

    /// <summary>The driver threw instead of returning a task: the call ends now.</summary>
    public ValueTask<DriverResult> Fail(Exception error)
    {
        Decide(new DriverCallResult(DriverCallEnd.Failed, default, error));
        Release(); // the driver holds nothing
        return new ValueTask<DriverResult>(this, _core.Version);
    }

    /// <summary>
    /// The deadline passed or the shutdown abort came (called by the owner, never under its lock) for use
    /// <paramref name="generation"/>; nothing when that use is already decided or over.
    /// </summary>
    internal void Expire(int generation, bool aborted)
    {
        if (!TryDecide(generation))
        {
            return;
        }

        // Cancel first so the driver starts giving up; whatever it returns now is discarded.
        try
        {
            _cancellation.Cancel();
        }
#pragma warning disable CA1031 // A driver's cancellation callback must not keep the request from its answer.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _core.SetResult(new DriverCallResult(aborted ? DriverCallEnd.Aborted : DriverCallEnd.TimedOut, default, null));
    }

    /// <summary>Cancels the driver's token at once (the abort came before the driver was called).</summary>
    internal void CancelToken() => _cancellation.Cancel();

    private void OnDriverDone()
    {
        ValueTask<DriverResult> driver = _driver;
        _driver = default;
        DriverCallResult result;
        try
        {
            // Consuming the result also returns a pooled state machine behind the ValueTask to its pool.
            result = new DriverCallResult(DriverCallEnd.Completed, driver.GetAwaiter().GetResult(), null);
        }
#pragma warning disable CA1031 // Every driver failure becomes a NAK (RequestExecutor).
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new DriverCallResult(DriverCallEnd.Failed, default, e);
        }

        Decide(result);
        Release();
    }

    private bool TryDecide(int generation)
    {
        long running = (long)generation << 1;
        return Interlocked.CompareExchange(ref _state, running | 1, running) == running;
    }

    private void Decide(in DriverCallResult result)
    {
        if (TryDecide(_generation))
        {
            _owner.Remove(this);
            _core.SetResult(result);
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _holders) != 0)
        {
            return;
        }

        if (!_cancellation.TryReset())
        {
            _cancellation.Dispose();
            _cancellation = new CancellationTokenSource();
        }

        _info = default;
        _owner.Return(this);
    }

    DriverResult IValueTaskSource<DriverResult>.GetResult(short token)
    {
        DriverCallResult end = _core.GetResult(token);
        DriverCallInfo info = _info;
        Release(); // the object may be reused from here on
        return _finish(end, info);
    }

    ValueTaskSourceStatus IValueTaskSource<DriverResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<DriverResult>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
