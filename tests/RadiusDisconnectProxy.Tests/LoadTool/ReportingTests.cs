using HdrHistogram;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.Tests.LoadTool;

public class ReportingTests
{
    [Theory]
    [InlineData("5ms", 5.0)]
    [InlineData("500us", 0.5)]
    [InlineData("2s", 2000.0)]
    [InlineData("1m", 60000.0)]
    [InlineData("3", 3000.0)]
    public void DurationText_ParsesTheUnitsTheOptionsTake(string text, double milliseconds) =>
        Assert.Equal(milliseconds, DurationText.Parse(text).TotalMilliseconds, 6);

    [Fact]
    public void LatencySummary_ReadsPercentilesInMilliseconds()
    {
        var histogram = new LongHistogram(1, LoadSocket.HighestLatencyNanoseconds, 3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.RecordValue(i * 1000L); // 1 µs .. 1 ms
        }

        LatencySummary summary = LatencySummary.From(histogram);
        Assert.Equal(1000, summary.Count);
        Assert.Equal(0.5, summary.P50, 2);
        Assert.Equal(0.99, summary.P99, 2);
        Assert.Equal(1.0, summary.Max, 2);
    }

    [Fact]
    public void Assertions_FailOnP99LostRateAndMissingAcks()
    {
        LoadResult result = Result(p99: 7, lost: 2, ack: 900, sent: 1000, seconds: 1);
        IReadOnlyList<string> failures = new Assertions(TimeSpan.FromMilliseconds(5), 0, 20_000, AllAck: true).Check(result);
        Assert.Equal(4, failures.Count);
        Assert.Empty(new Assertions(TimeSpan.FromMilliseconds(10), 2, 900).Check(result));
    }

    [Fact]
    public void MarkdownReport_HasOneRowPerRunAndTheNakCauses()
    {
        LoadResult result = Result(p99: 1, lost: 0, ack: 10, sent: 12, seconds: 1);
        result.Totals.NakByCause[503] = 2;
        string markdown = MarkdownReport.Render([result]);
        Assert.Contains("| t | closed loop, 32 in flight | 12 | 10 | 2 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("503 SessionContextNotFound ×2", markdown, StringComparison.Ordinal);
    }

    private static LoadResult Result(double p99, long lost, long ack, long sent, double seconds) => new()
    {
        Name = "t",
        Mode = "closed loop, 32 in flight",
        Target = "127.0.0.1:3799",
        StartedUtc = DateTimeOffset.UnixEpoch,
        MeasuredSeconds = seconds,
        Sockets = 1,
        Window = 32,
        Totals = new LoadTotals { Sent = sent, Ack = ack, Nak = sent - ack - lost, Lost = lost },
        Latency = new LatencySummary(ack, p99 / 2, p99 / 2, p99 / 2, p99, p99, p99, p99, p99),
        Intervals = [],
        Generator = new ProcessUsage("rdp-load", 1, 0, 0, 0, 0),
    };
}
