using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Tests.Pipeline;

public class DuplicateCacheTests
{
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(300);
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddYears(56));

    private static DuplicateKey Key(byte id, ushort port = 1000) => new(new SourceAddress(UInt128.One, port), id);

    private static byte[] Authenticator(byte fill) => Enumerable.Repeat(fill, 16).ToArray();

    [Fact]
    public void FirstSighting_IsNew_ThenInProgress_ThenRetransmissionWithTheAnswer()
    {
        var cache = new DuplicateCache(10, _time);
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1), Authenticator(1), s_window, out DuplicateEntry entry));
        Assert.Equal(DuplicateStatus.InProgress, cache.Begin(Key(1), Authenticator(1), s_window, out _));

        byte[] answer = [41, 1, 0, 20];
        DuplicateCache.Complete(entry, answer);
        Assert.Equal(DuplicateStatus.Retransmission, cache.Begin(Key(1), Authenticator(1), s_window, out DuplicateEntry again));
        Assert.Same(answer, again.Answer);
    }

    [Fact]
    public void KeyIsSourceAddressPortAndIdentifier()
    {
        var cache = new DuplicateCache(10, _time);
        cache.Begin(Key(1), Authenticator(1), s_window, out _);
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(2), Authenticator(1), s_window, out _));
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1, port: 1001), Authenticator(1), s_window, out _));
        Assert.Equal(DuplicateStatus.New, cache.Begin(new DuplicateKey(new SourceAddress(2, 1000), 1), Authenticator(1), s_window, out _));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void NewAuthenticatorForTheSameKey_ReplacesTheEntry()
    {
        var cache = new DuplicateCache(10, _time);
        cache.Begin(Key(1), Authenticator(1), s_window, out DuplicateEntry first);
        DuplicateCache.Complete(first, [1]);

        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1), Authenticator(2), s_window, out DuplicateEntry second));
        Assert.NotSame(first, second);
        Assert.Equal(1, cache.Count);
        Assert.Equal(DuplicateStatus.InProgress, cache.Begin(Key(1), Authenticator(2), s_window, out _));
    }

    [Fact]
    public void EntriesExpireAfterTheWindow()
    {
        var cache = new DuplicateCache(10, _time);
        cache.Begin(Key(1), Authenticator(1), s_window, out DuplicateEntry entry);
        DuplicateCache.Complete(entry, [1]);

        _time.Advance(s_window - TimeSpan.FromSeconds(1));
        Assert.Equal(DuplicateStatus.Retransmission, cache.Begin(Key(1), Authenticator(1), s_window, out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1), Authenticator(1), s_window, out _));
    }

    [Fact]
    public void ExpiredEntriesAreRemovedOnTheNextLookup()
    {
        var cache = new DuplicateCache(10, _time);
        for (byte id = 0; id < 5; id++)
        {
            cache.Begin(Key(id), Authenticator(1), s_window, out _);
        }

        _time.Advance(s_window);
        cache.Begin(Key(200), Authenticator(1), s_window, out _);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void SizeBound_EvictsTheOldestAndCountsIt()
    {
        var cache = new DuplicateCache(3, _time);
        for (byte id = 1; id <= 4; id++)
        {
            cache.Begin(Key(id), Authenticator(1), s_window, out DuplicateEntry entry);
            DuplicateCache.Complete(entry, [id]);
        }

        Assert.Equal(3, cache.Count);
        Assert.Equal(1, cache.Evictions);
        Assert.Equal(DuplicateStatus.Retransmission, cache.Begin(Key(2), Authenticator(1), s_window, out _));
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1), Authenticator(1), s_window, out _));
        Assert.Equal(2, cache.Evictions);
    }

    [Fact]
    public void ForgottenEntry_IsNewAgain()
    {
        var cache = new DuplicateCache(10, _time);
        cache.Begin(Key(1), Authenticator(1), s_window, out DuplicateEntry entry);
        cache.Forget(entry);
        Assert.Equal(0, cache.Count);
        Assert.Equal(DuplicateStatus.New, cache.Begin(Key(1), Authenticator(1), s_window, out _));
    }
}
