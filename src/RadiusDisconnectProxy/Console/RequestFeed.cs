using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// The console's view of answered requests: the newest <see cref="Capacity"/> audit events in a ring, per-minute counts,
/// results by Error-Cause and latency histograms for the last hour, and each NAS's latest outcome (its health).
/// Registered only when the console is on. <see cref="Observe"/> runs on the request path: it stores a reference and
/// bumps preallocated counters under a lock held for a few dozen nanoseconds, and allocates nothing (a NAS seen for the
/// first time adds one small entry).
/// </summary>
internal sealed class RequestFeed(TimeProvider time) : IAuditObserver
{
    public const int Capacity = 1000;
    private const int Minutes = 60;
    private const int MaxNases = 10_000;

    private readonly Lock _gate = new();
    private readonly AuditEvent?[] _ring = new AuditEvent?[Capacity];
    private readonly long[] _minuteOf = new long[Minutes];
    private readonly int[] _requests = new int[Minutes];
    private readonly int[] _acks = new int[Minutes];
    private readonly int[,] _results = new int[Minutes, ResultBuckets.Count];
    private readonly int[,] _latency = new int[Minutes, LatencyBins.Count];
    private readonly Dictionary<string, NasActivity> _nases = new(StringComparer.Ordinal);
    private long _written;

    public void Observe(AuditEvent auditEvent)
    {
        long minute = auditEvent.Time.ToUnixTimeSeconds() / 60;
        int slot = (int)(minute % Minutes);
        int result = ResultBuckets.IndexOf(auditEvent.IsAck, auditEvent.ErrorCause);
        int bin = LatencyBins.IndexOf(auditEvent.Latency);
        lock (_gate)
        {
            _ring[_written++ % Capacity] = auditEvent;
            if (_minuteOf[slot] != minute)
            {
                _minuteOf[slot] = minute;
                _requests[slot] = 0;
                _acks[slot] = 0;
                for (int i = 0; i < ResultBuckets.Count; i++)
                {
                    _results[slot, i] = 0;
                }

                for (int i = 0; i < LatencyBins.Count; i++)
                {
                    _latency[slot, i] = 0;
                }
            }

            _requests[slot]++;
            if (auditEvent.IsAck)
            {
                _acks[slot]++;
            }

            _results[slot, result]++;
            _latency[slot, bin]++;
            if (auditEvent.Nas is { } nas)
            {
                NoteNases(nas, auditEvent);
            }
        }
    }

    /// <summary>The newest <paramref name="limit"/> events, newest first.</summary>
    public IReadOnlyList<AuditEvent> Newest(int limit)
    {
        lock (_gate)
        {
            int count = (int)Math.Min(Math.Min(limit, Capacity), _written);
            var events = new List<AuditEvent>(Math.Max(count, 0));
            for (long i = _written - 1; i >= _written - count; i--)
            {
                events.Add(_ring[i % Capacity]!);
            }

            return events;
        }
    }

    /// <summary>The latest outcome on <paramref name="nas"/> (null when no request reached it since start).</summary>
    public NasActivitySnapshot? Activity(string nas)
    {
        lock (_gate)
        {
            return _nases.TryGetValue(nas, out NasActivity? activity)
                ? new NasActivitySnapshot(activity.LastTime, activity.LastIsAck, activity.LastErrorCause, activity.Acks, activity.Naks)
                : null;
        }
    }

    /// <summary>Per-minute figures of the last hour (oldest first) and totals by result.</summary>
    public FeedStatistics Statistics()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var minutes = new List<MinuteStatistics>(Minutes);
        int[] results = new int[ResultBuckets.Count];
        int[] latency = new int[LatencyBins.Count];
        int[] minuteLatency = new int[LatencyBins.Count];
        lock (_gate)
        {
            for (long minute = now - Minutes + 1; minute <= now; minute++)
            {
                int slot = (int)(minute % Minutes);
                bool live = _minuteOf[slot] == minute;
                for (int i = 0; i < LatencyBins.Count; i++)
                {
                    minuteLatency[i] = live ? _latency[slot, i] : 0;
                    latency[i] += minuteLatency[i];
                }

                if (live)
                {
                    for (int i = 0; i < ResultBuckets.Count; i++)
                    {
                        results[i] += _results[slot, i];
                    }
                }

                minutes.Add(new MinuteStatistics(
                    DateTimeOffset.FromUnixTimeSeconds(minute * 60),
                    live ? _requests[slot] : 0,
                    live ? _acks[slot] : 0,
                    LatencyBins.Percentile(minuteLatency, 0.50),
                    LatencyBins.Percentile(minuteLatency, 0.90),
                    LatencyBins.Percentile(minuteLatency, 0.99)));
            }
        }

        var byResult = new List<ResultCount>();
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] > 0)
            {
                byResult.Add(new ResultCount(ResultBuckets.IsAckBucket(i), ResultBuckets.CauseOf(i), results[i]));
            }
        }

        return new FeedStatistics(minutes, byResult,
            LatencyBins.Percentile(latency, 0.50), LatencyBins.Percentile(latency, 0.90), LatencyBins.Percentile(latency, 0.99));
    }

    private void NoteNases(string nas, AuditEvent auditEvent)
    {
        // A fan-out names several NASes "a,b"; the span lookup splits it without allocating.
        Dictionary<string, NasActivity>.AlternateLookup<ReadOnlySpan<char>> lookup = _nases.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (Range range in nas.AsSpan().Split(','))
        {
            ReadOnlySpan<char> name = nas.AsSpan()[range];
            if (!lookup.TryGetValue(name, out NasActivity? activity))
            {
                if (_nases.Count >= MaxNases)
                {
                    continue;
                }

                activity = new NasActivity();
                lookup[name] = activity;
            }

            activity.LastTime = auditEvent.Time;
            activity.LastIsAck = auditEvent.IsAck;
            activity.LastErrorCause = auditEvent.ErrorCause;
            if (auditEvent.IsAck)
            {
                activity.Acks++;
            }
            else
            {
                activity.Naks++;
            }
        }
    }

    private sealed class NasActivity
    {
        public DateTimeOffset LastTime;
        public bool LastIsAck;
        public ErrorCause? LastErrorCause;
        public long Acks;
        public long Naks;
    }
}

internal sealed record NasActivitySnapshot(DateTimeOffset LastTime, bool LastIsAck, ErrorCause? LastErrorCause, long Acks, long Naks);

internal sealed record MinuteStatistics(DateTimeOffset Time, int Requests, int Acks, double? P50Ms, double? P90Ms, double? P99Ms);

internal sealed record ResultCount(bool IsAck, ErrorCause? ErrorCause, int Count);

internal sealed record FeedStatistics(IReadOnlyList<MinuteStatistics> Minutes, IReadOnlyList<ResultCount> Results,
    double? P50Ms, double? P90Ms, double? P99Ms);
