using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Hands audit events from the request path to <see cref="AuditWriter"/> through a bounded queue, so writing them never
/// slows an answer down. A full queue loses the event (counted), it never blocks. The queue is an array of
/// <see cref="AuditEntry"/> values that grows (by doubling, up to the capacity) only while the writer falls behind, so a
/// steady stream of events allocates nothing. The writer takes the whole array at once in exchange for its own empty one
/// (double buffering), so the lock the request path shares with it is only ever held for a few instructions: a writer
/// preempted while rendering can never hold up an answer. The writer sleeps without a timer while the queue is empty and
/// is woken by the first event after that, at most once per batch it writes.
/// </summary>
internal sealed class AuditLog
{
    private const int InitialRing = 1024;
    private readonly ProxyMetrics _metrics;
    private readonly IAuditObserver? _observer;
    private readonly object _gate = new(); // Monitor.Wait/Pulse, so not a System.Threading.Lock
    private readonly int _capacity;
    private AuditEntry[] _filling;
    private int _count;
    private bool _readerSleeping;
    private int _wakeAt = int.MaxValue; // while the writer gathers a batch: the queue length that wakes it early
    private bool _completed;

    /// <param name="observer">The web console's feed when the console is on; null (no cost at all) when it is off.</param>
    public AuditLog(bool enabled, ProxyMetrics metrics, int capacity = 65_536, IAuditObserver? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Enabled = enabled;
        _metrics = metrics;
        _observer = observer;
        _capacity = capacity;
        _filling = new AuditEntry[Math.Min(capacity, InitialRing)];
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
            if (_completed || (_count == _filling.Length && !Grow()))
            {
                _metrics.AuditEventsDropped.Inc();
                return;
            }

            _filling[_count++] = entry;
            wake = _readerSleeping || _count == _wakeAt;
            _readerSleeping = false;
            if (wake)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private bool Grow()
    {
        if (_filling.Length >= _capacity)
        {
            return false;
        }

        Array.Resize(ref _filling, Math.Min(_capacity, _filling.Length * 2));
        return true;
    }

    /// <summary>
    /// Takes every queued event (oldest first, <paramref name="count"/> of them) and queues from now on into
    /// <paramref name="spare"/>, which the caller has cleared; the caller clears the returned array before handing it back.
    /// </summary>
    internal AuditEntry[] TakeAll(AuditEntry[] spare, out int count)
    {
        lock (_gate)
        {
            AuditEntry[] taken = _filling;
            count = _count;
            _filling = spare.Length > 0 ? spare : new AuditEntry[Math.Min(_capacity, InitialRing)];
            _count = 0;
            return taken;
        }
    }

    /// <summary>Takes up to <paramref name="into"/>.Length queued events (oldest first) without waiting; for tests.</summary>
    internal int TryReadBatch(Span<AuditEntry> into)
    {
        lock (_gate)
        {
            int n = Math.Min(into.Length, _count);
            _filling.AsSpan(0, n).CopyTo(into);
            _filling.AsSpan(n, _count - n).CopyTo(_filling);
            _count -= n;
            _filling.AsSpan(_count, n).Clear(); // let go of the strings
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

    /// <summary>
    /// After <see cref="WaitToRead"/>: lets the batch grow until <paramref name="batch"/> events are queued or
    /// <paramref name="maxWaitMilliseconds"/> have passed, whichever comes first (or the log completes). Under heavy load
    /// the writer thus wakes every few milliseconds for a short burst of rendering rather than every
    /// <paramref name="maxWaitMilliseconds"/> for a long one that would hold a core from the request path; under light
    /// load one wake-up still carries everything of the last <paramref name="maxWaitMilliseconds"/>.
    /// </summary>
    internal void WaitForBatch(int batch, int maxWaitMilliseconds)
    {
        long deadline = Environment.TickCount64 + maxWaitMilliseconds;
        lock (_gate)
        {
            while (_count < batch && !_completed)
            {
                int left = (int)(deadline - Environment.TickCount64);
                if (left <= 0)
                {
                    break;
                }

                _wakeAt = batch;
                Monitor.Wait(_gate, left);
            }

            _wakeAt = int.MaxValue;
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
