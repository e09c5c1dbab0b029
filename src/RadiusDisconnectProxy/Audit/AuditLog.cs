using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Hands audit events from the request path to <see cref="AuditWriter"/> through a bounded queue, so writing them never
/// slows an answer down. A full queue loses the event (counted), it never blocks. The queue is a ring of
/// <see cref="AuditEntry"/> values that grows (by doubling, up to the capacity) only while the writer falls behind, so a
/// steady stream of events allocates nothing. The writer sleeps without a timer while the queue is empty and is woken
/// by the first event after that, at most once per batch it writes.
/// </summary>
internal sealed class AuditLog
{
    private const int InitialRing = 1024;
    private readonly ProxyMetrics _metrics;
    private readonly IAuditObserver? _observer;
    private readonly object _gate = new(); // Monitor.Wait/Pulse, so not a System.Threading.Lock
    private readonly int _capacity;
    private AuditEntry[] _ring;
    private int _head;
    private int _count;
    private bool _readerSleeping;
    private bool _completed;

    /// <param name="observer">The web console's feed when the console is on; null (no cost at all) when it is off.</param>
    public AuditLog(bool enabled, ProxyMetrics metrics, int capacity = 65_536, IAuditObserver? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Enabled = enabled;
        _metrics = metrics;
        _observer = observer;
        _capacity = capacity;
        _ring = new AuditEntry[Math.Min(capacity, InitialRing)];
    }

    public bool Enabled { get; }

    /// <summary>Queues an event made elsewhere (the web console's own kicks).</summary>
    public void Write(AuditEvent auditEvent)
    {
        _observer?.Observe(auditEvent);
        if (Enabled)
        {
            Enqueue(AuditEntry.From(auditEvent));
        }
    }

    /// <summary>Queues an answered request's event; allocates nothing unless the web console observes the audit path.</summary>
    public void Write(in AuditEntry entry)
    {
        _observer?.Observe(entry.ToEvent());
        if (Enabled)
        {
            Enqueue(entry);
        }
    }

    private void Enqueue(in AuditEntry entry)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed || (_count == _ring.Length && !Grow()))
            {
                _metrics.AuditEventsDropped.Inc();
                return;
            }

            _ring[(_head + _count) % _ring.Length] = entry;
            _count++;
            wake = _readerSleeping;
            _readerSleeping = false;
            if (wake)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private bool Grow()
    {
        if (_ring.Length >= _capacity)
        {
            return false;
        }

        var larger = new AuditEntry[Math.Min(_capacity, _ring.Length * 2)];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = larger;
        _head = 0;
        return true;
    }

    /// <summary>Takes up to <paramref name="into"/>.Length queued events (oldest first) without waiting.</summary>
    internal int TryReadBatch(Span<AuditEntry> into)
    {
        lock (_gate)
        {
            int n = Math.Min(into.Length, _count);
            for (int i = 0; i < n; i++)
            {
                into[i] = _ring[_head];
                _ring[_head] = default; // let go of the strings
                _head = (_head + 1) % _ring.Length;
            }

            _count -= n;
            return n;
        }
    }

    /// <summary>One queued event, for tests.</summary>
    internal bool TryRead(out AuditEntry entry)
    {
        Span<AuditEntry> one = new AuditEntry[1];
        bool read = TryReadBatch(one) == 1;
        entry = one[0];
        return read;
    }

    /// <summary>
    /// Blocks until an event is queued or the log is completed; false when completed and empty. Used by the writer's own
    /// thread only: an idle writer sleeps here with no timer.
    /// </summary>
    internal bool WaitToRead()
    {
        lock (_gate)
        {
            while (_count == 0)
            {
                if (_completed)
                {
                    return false;
                }

                _readerSleeping = true;
                Monitor.Wait(_gate);
            }

            return true;
        }
    }

    /// <summary>No more events: the writer writes what is queued and ends.</summary>
    internal void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
