namespace RadiusDisconnectProxy.Tests.RadiusDesk;

/// <summary>A clock the test moves by hand (for cache_ttl), with 1 tick = 1 µs.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, (long)(by.TotalMilliseconds * 1000));
}
