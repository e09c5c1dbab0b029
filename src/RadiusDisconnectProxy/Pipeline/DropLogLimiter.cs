namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Lets at most <see cref="PerSecond"/> drop log lines per reason through each second, so a flood of forged or
/// broken packets cannot flood the log (the counters still count every one).
/// </summary>
internal sealed class DropLogLimiter(TimeProvider time)
{
    public const int PerSecond = 10;

    private readonly long[] _windowStart = new long[DropReasonNames.Count];
    private readonly int[] _logged = new int[DropReasonNames.Count];

    public bool ShouldLog(DropReason reason)
    {
        int i = (int)reason;
        long now = time.GetTimestamp();
        long start = Volatile.Read(ref _windowStart[i]);
        if (now - start >= time.TimestampFrequency && Interlocked.CompareExchange(ref _windowStart[i], now, start) == start)
        {
            Volatile.Write(ref _logged[i], 0);
        }

        return Interlocked.Increment(ref _logged[i]) <= PerSecond;
    }
}
