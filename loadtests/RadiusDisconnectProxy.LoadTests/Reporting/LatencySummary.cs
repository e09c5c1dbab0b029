using HdrHistogram;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>Round-trip percentiles in milliseconds, from an HdrHistogram recorded in nanoseconds.</summary>
internal sealed record LatencySummary(long Count, double Mean, double P50, double P75, double P90, double P95, double P99, double P999, double Max)
{
    public static LatencySummary From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetMean()),
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(75)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    private static double Ms(double nanoseconds) => Math.Round(nanoseconds / 1e6, 4);
}
