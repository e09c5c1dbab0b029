namespace RadiusDisconnectProxy.TestSupport.Diagnostics;

/// <summary>
/// A clock the test moves by hand (cache expiry, Event-Timestamp windows). Wall time starts at
/// <paramref name="start"/> (default: the real time at construction); the monotonic timestamp starts at one second,
/// so that 0 never stands for "now", and both move only through <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset? start = null) : TimeProvider
{
    private readonly DateTimeOffset _start = start ?? DateTimeOffset.UtcNow;
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Interlocked.Read(ref _ticks));

    public override long GetTimestamp() => TimeSpan.TicksPerSecond + Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
