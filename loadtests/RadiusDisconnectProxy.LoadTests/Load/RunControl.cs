using System.Diagnostics;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Shared by all sockets of a run: the request budget, the stop flag and the measurement start.</summary>
internal sealed class RunControl(long maxRequests, long measureStartTimestamp, bool closedLoop)
{
    private long _issued;
    private volatile bool _stopIssuing;

    public bool ClosedLoop { get; } = closedLoop;

    /// <summary>Requests sent before this Stopwatch timestamp are warm-up: not counted, not recorded.</summary>
    public long MeasureStartTimestamp { get; } = measureStartTimestamp;

    public long Issued => Volatile.Read(ref _issued);

    public bool StopIssuing => _stopIssuing;

    public void Stop() => _stopIssuing = true;

    /// <summary>The next request's sequence number, or -1 when the run issues no more.</summary>
    public long NextSequence()
    {
        if (_stopIssuing)
        {
            return -1;
        }

        long next = Interlocked.Increment(ref _issued) - 1;
        if (next >= maxRequests)
        {
            _stopIssuing = true;
            return -1;
        }

        return next;
    }

    public static long ToNanoseconds(long stopwatchTicks) =>
        Stopwatch.Frequency == 1_000_000_000 ? stopwatchTicks : (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));
}
