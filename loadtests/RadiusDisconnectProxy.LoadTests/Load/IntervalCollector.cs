using HdrHistogram;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Once a second: swaps every socket's interval histogram out of its recorder and sums counters.</summary>
internal sealed class IntervalCollector(LoadSocket[] sockets)
{
    private readonly HistogramBase?[] _recycled = new HistogramBase?[sockets.Length];
    private readonly LongHistogram _interval = new(1, LoadSocket.HighestLatencyNanoseconds, 3);
    private readonly List<IntervalRow> _rows = [];
    private LoadTotals _previous = new();
    private double _previousElapsed;

    public LongHistogram Total { get; } = new(1, LoadSocket.HighestLatencyNanoseconds, 3);

    public IReadOnlyList<IntervalRow> Rows => _rows;

    public LoadTotals Totals()
    {
        var totals = new LoadTotals();
        foreach (LoadSocket socket in sockets)
        {
            socket.Counters.AddTo(totals);
        }

        return totals;
    }

    /// <summary>Forgets what was recorded so far (warm-up).</summary>
    public void Discard()
    {
        Swap();
        _interval.Reset();
        _previous = Totals();
    }

    public IntervalRow Sample(double elapsedSeconds)
    {
        Swap();
        Total.Add(_interval);
        LoadTotals now = Totals();
        double seconds = Math.Max(1e-3, elapsedSeconds - _previousElapsed);
        var row = new IntervalRow(
            Math.Round(elapsedSeconds, 3),
            now.Sent - _previous.Sent,
            now.Ack - _previous.Ack,
            now.Nak - _previous.Nak,
            now.Lost - _previous.Lost,
            now.Invalid - _previous.Invalid,
            Math.Round((now.Answered - _previous.Answered) / seconds, 1),
            Ms(_interval, 50),
            Ms(_interval, 90),
            Ms(_interval, 99),
            _interval.TotalCount == 0 ? 0 : Math.Round(_interval.GetMaxValue() / 1e6, 4));
        _rows.Add(row);
        _previous = now;
        _previousElapsed = elapsedSeconds;
        return row;
    }

    private void Swap()
    {
        _interval.Reset();
        for (int i = 0; i < sockets.Length; i++)
        {
            HistogramBase histogram = _recycled[i] is { } recycle
                ? sockets[i].Latency.GetIntervalHistogram(recycle)
                : sockets[i].Latency.GetIntervalHistogram();
            _interval.Add(histogram);
            _recycled[i] = histogram;
        }
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1e6, 4);
}
