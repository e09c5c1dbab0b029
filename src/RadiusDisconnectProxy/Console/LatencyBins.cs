namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// A log-scale latency histogram layout: bin k holds latencies up to 0.1 ms × 2^(k/2), so percentiles read from it are
/// within a factor of √2, enough for a chart, at 41 counters per minute.
/// </summary>
internal static class LatencyBins
{
    private const double FirstUpperMs = 0.1;

    public static int Count => 41;

    public static int IndexOf(TimeSpan latency)
    {
        double ms = latency.TotalMilliseconds;
        if (ms <= FirstUpperMs)
        {
            return 0;
        }

        int index = (int)Math.Ceiling(2 * Math.Log2(ms / FirstUpperMs));
        return Math.Clamp(index, 0, Count - 1);
    }

    public static double UpperMs(int index) => FirstUpperMs * Math.Pow(2, index / 2.0);

    /// <summary>The upper edge of the bin holding the <paramref name="quantile"/> (null for an empty histogram).</summary>
    public static double? Percentile(int[] bins, double quantile)
    {
        long total = 0;
        foreach (int n in bins)
        {
            total += n;
        }

        if (total == 0)
        {
            return null;
        }

        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i < bins.Length; i++)
        {
            seen += bins[i];
            if (seen >= rank)
            {
                return Math.Round(UpperMs(i), 3);
            }
        }

        return Math.Round(UpperMs(bins.Length - 1), 3);
    }
}
