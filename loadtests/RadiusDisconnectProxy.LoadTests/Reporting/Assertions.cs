using System.Globalization;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>NBomber-style thresholds: a run that misses one exits 1.</summary>
internal sealed record Assertions(TimeSpan? MaxP99, long? MaxLost, double? MinRps, bool AllAck = false)
{
    public IReadOnlyList<string> Check(LoadResult result)
    {
        var failures = new List<string>();
        if (MaxP99 is { } p99 && result.Latency.P99 > p99.TotalMilliseconds)
        {
            failures.Add(Inv($"p99 {result.Latency.P99:0.###} ms > {p99.TotalMilliseconds:0.###} ms"));
        }

        if (MaxLost is { } lost && result.Totals.Lost > lost)
        {
            failures.Add(Inv($"lost {result.Totals.Lost} > {lost}"));
        }

        if (MinRps is { } rps && result.AnsweredPerSecond < rps)
        {
            failures.Add(Inv($"rate {result.AnsweredPerSecond:0} answers/s < {rps:0}"));
        }

        if (AllAck && result.Totals.Ack != result.Totals.Sent)
        {
            failures.Add(Inv($"ACK {result.Totals.Ack} of {result.Totals.Sent} sent (NAK {result.Totals.Nak}, lost {result.Totals.Lost}, invalid {result.Totals.Invalid})"));
        }

        return failures;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
