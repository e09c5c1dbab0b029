namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// The deadlines of every driver call running under one (<see cref="DriverCall"/>), behind one timer armed for the
/// earliest and only while a call runs (docs/load-testing.md, "Slow-path allocation"): a linked token source, a
/// <c>CancelAfter</c> timer and a <c>WaitAsync</c> timer per request were half a kilobyte of garbage each time. Under
/// steady load the timer fires about once per deadline period (the earliest deadline's call has long finished by then);
/// idle, never. The shutdown abort ends every running call at once. Calls are pooled.
/// </summary>
internal sealed class DriverDeadlines
{
    private const int PoolSize = 1024;

    private readonly TimeProvider _time;
    private readonly CancellationToken _aborted;
    private readonly DriverCallFinish _finish;
    private readonly Lock _lock = new();
    private readonly HashSet<DriverCall> _running = [];
    private readonly Stack<DriverCall> _idle = new();
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;

    public DriverDeadlines(TimeProvider time, CancellationToken aborted, DriverCallFinish finish)
    {
        _time = time;
        _finish = finish;
        _aborted = aborted;
        _timer = time.CreateTimer(static state => ((DriverDeadlines)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        aborted.UnsafeRegister(static state => ((DriverDeadlines)state!).AbortAll(), this);
    }

    /// <summary>Number of calls running (tests).</summary>
    internal int Running
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>A call that times out after <see cref="DriverCallInfo.Timeout"/>; its token is already cancelled during shutdown.</summary>
    public DriverCall Start(in DriverCallInfo info)
    {
        TimeSpan timeout = info.Timeout;
        long now = _time.GetTimestamp();
        long deadline = now + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        DriverCall call;
        lock (_lock)
        {
            call = _idle.TryPop(out DriverCall? idle) ? idle : new DriverCall(this, _finish);
            call.Begin(deadline, info);
            _running.Add(call);
            if (deadline < _armedFor)
            {
                Arm(deadline, now);
            }
        }

        if (_aborted.IsCancellationRequested)
        {
            // As a token linked to the already cancelled abort token was: the driver sees it cancelled from the start.
            call.CancelToken();
        }

        return call;
    }

    /// <summary>After <see cref="DriverCall.Wait"/>: a call still running while shutting down ends now.</summary>
    public void AbortIfShuttingDown(DriverCall call, int generation)
    {
        if (_aborted.IsCancellationRequested)
        {
            lock (_lock)
            {
                _running.Remove(call);
            }

            call.Expire(generation, aborted: true);
        }
    }

    internal void Remove(DriverCall call)
    {
        lock (_lock)
        {
            _running.Remove(call);
        }
    }

    internal void Return(DriverCall call)
    {
        lock (_lock)
        {
            if (_idle.Count < PoolSize)
            {
                _idle.Push(call);
            }
        }
    }

    /// <summary>The caller holds the lock.</summary>
    private void Arm(long deadline, long now)
    {
        _armedFor = deadline;
        TimeSpan due = _time.GetElapsedTime(now, deadline);
        _timer.Change(due > TimeSpan.FromMilliseconds(1) ? due : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    private void Expire()
    {
        List<(DriverCall Call, int Generation)>? expired = null;
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            long next = long.MaxValue;
            foreach (DriverCall call in _running)
            {
                if (call.Deadline <= now)
                {
                    (expired ??= []).Add((call, call.Generation));
                }
                else if (call.Deadline < next)
                {
                    next = call.Deadline;
                }
            }

            if (expired is not null)
            {
                foreach ((DriverCall call, _) in expired)
                {
                    _running.Remove(call);
                }
            }

            _armedFor = long.MaxValue;
            if (next != long.MaxValue)
            {
                Arm(next, now);
            }
        }

        // Outside the lock: each timed-out request is answered from here.
        if (expired is not null)
        {
            foreach ((DriverCall call, int generation) in expired)
            {
                call.Expire(generation, aborted: false);
            }
        }
    }

    private void AbortAll()
    {
        (DriverCall Call, int Generation)[] running;
        lock (_lock)
        {
            running = [.. _running.Select(c => (c, c.Generation))];
            _running.Clear();
        }

        foreach ((DriverCall call, int generation) in running)
        {
            call.Expire(generation, aborted: true);
        }
    }
}
