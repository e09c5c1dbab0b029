namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Remembers recent requests by (source address, source port, Identifier) with their Request Authenticator and
/// answer, so a retransmission is answered from memory and never reaches a NAS twice (RFC 5176 §2.3, RFC 5080
/// §2.2.2). Bounded: beyond <see cref="Capacity"/> the oldest entry is evicted, so a flood cannot exhaust memory.
/// Lookups do not allocate; one entry object is allocated per new request.
/// </summary>
internal sealed class DuplicateCache
{
    private readonly Dictionary<DuplicateKey, DuplicateEntry> _entries;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DuplicateEntry? _oldest;
    private DuplicateEntry? _newest;
    private long _evictions;

    public DuplicateCache(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = time;
        _entries = new Dictionary<DuplicateKey, DuplicateEntry>(Math.Min(capacity, 4096));
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Entries pushed out by the size bound before they expired.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>
    /// Looks the request up and, when it is new, remembers it as in progress. <paramref name="entry"/> is the entry
    /// to complete (<see cref="DuplicateStatus.New"/>) or the one holding the cached answer.
    /// </summary>
    public DuplicateStatus Begin(in DuplicateKey key, ReadOnlySpan<byte> authenticator, TimeSpan window, out DuplicateEntry entry)
    {
        long now = _time.GetTimestamp();
        lock (_lock)
        {
            RemoveExpired(now);
            if (_entries.TryGetValue(key, out DuplicateEntry? existing))
            {
                if (existing.ExpiresAt > now && existing.Matches(authenticator))
                {
                    entry = existing;
                    return existing.Answer is null ? DuplicateStatus.InProgress : DuplicateStatus.Retransmission;
                }

                // A new Request Authenticator under the same key is a new request (the client moved on); an
                // unfinished predecessor still completes into its own, now detached, entry.
                Unlink(existing);
                _entries.Remove(key);
            }
            else if (_entries.Count >= Capacity)
            {
                DuplicateEntry victim = _oldest!;
                Unlink(victim);
                _entries.Remove(victim.Key);
                _evictions++;
            }

            entry = new DuplicateEntry(key, authenticator, now + (long)(window.TotalSeconds * _time.TimestampFrequency));
            _entries.Add(key, entry);
            Append(entry);
            return DuplicateStatus.New;
        }
    }

    /// <summary>Stores the answer; retransmissions from now on get it.</summary>
    public static void Complete(DuplicateEntry entry, byte[] answer) => entry.SetAnswer(answer);

    /// <summary>Forgets a request whose answer must not be replayed (an overload NAK: a retry deserves a new try).</summary>
    public void Forget(DuplicateEntry entry)
    {
        lock (_lock)
        {
            if (entry.IsLinked)
            {
                Unlink(entry);
                _entries.Remove(entry.Key);
            }
        }
    }

    private void RemoveExpired(long now)
    {
        // Entries are appended in arrival order; with one window per client the head is (nearly always) the first to
        // expire. A shorter-window entry behind a longer one is treated as absent by Begin and goes on eviction.
        while (_oldest is { } oldest && oldest.ExpiresAt <= now)
        {
            Unlink(oldest);
            _entries.Remove(oldest.Key);
        }
    }

    private void Append(DuplicateEntry entry)
    {
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is not null)
        {
            _newest.Newer = entry;
        }

        _newest = entry;
        _oldest ??= entry;
        entry.IsLinked = true;
    }

    private void Unlink(DuplicateEntry entry)
    {
        if (entry.Older is not null)
        {
            entry.Older.Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        if (entry.Newer is not null)
        {
            entry.Newer.Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }

        entry.Older = null;
        entry.Newer = null;
        entry.IsLinked = false;
    }
}
