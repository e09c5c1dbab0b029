namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Lets at most <see cref="PerSecond"/> log lines per slot (a drop reason, overload) through each second, so a flood of
/// forged or broken packets, or a burst beyond max_pending, cannot flood the log. The counters still count every one.
/// </summary>
internal sealed class LogRateLimiter(TimeProvider time, int slots)
{
    public const int PerSecond = 10;

    private readonly long[] _windowStart = new long[slots];
    private readonly int[] _logged = new int[slots];

    public bool ShouldLog(int slot)
    {
        long now = time.GetTimestamp();
        long start = Volatile.Read(ref _windowStart[slot]);
        if (now - start >= time.TimestampFrequency && Interlocked.CompareExchange(ref _windowStart[slot], now, start) == start)
        {
            Volatile.Write(ref _logged[slot], 0);
        }

        return Interlocked.Increment(ref _logged[slot]) <= PerSecond;
    }
}
