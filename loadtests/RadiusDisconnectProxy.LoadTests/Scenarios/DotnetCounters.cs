using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Processes;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// `dotnet-counters collect` (the .NET global tool, when installed) attached to the proxy during a soak: GC
/// collections per generation, allocation rate and GC pause time, to a CSV in the work folder. Optional: the
/// proxy's own metrics endpoint does not export the runtime's counters.
/// </summary>
internal sealed class DotnetCounters : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private DotnetCounters(ChildProcess process, string csvPath)
    {
        _process = process;
        CsvPath = csvPath;
    }

    public string CsvPath { get; }

    public static DotnetCounters? TryStart(int pid, TimeSpan interval, TimeSpan duration, string workDirectory)
    {
        string? tool = Find();
        if (tool is null)
        {
            return null;
        }

        string csv = Path.Combine(workDirectory, "dotnet-counters.csv");
        string refresh = ((int)Math.Max(1, interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        string until = TimeSpan.FromSeconds(Math.Ceiling(duration.TotalSeconds)).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        ChildProcess process = ChildProcess.Start("dotnet-counters", tool,
            ["collect", "--process-id", pid.ToString(CultureInfo.InvariantCulture), "--format", "csv", "--refresh-interval", refresh,
             "--duration", until, "--counters", "System.Runtime", "-o", csv], Path.Combine(workDirectory, "dotnet-counters.log"));
        return new DotnetCounters(process, csv);
    }

    /// <summary>Sums of the per-interval rates: GC collections by generation, bytes allocated, GC pause seconds.</summary>
    public (long Gen0, long Gen1, long Gen2, double AllocatedBytes, double PauseSeconds) Totals()
    {
        long g0 = 0, g1 = 0, g2 = 0;
        double allocated = 0, pause = 0;
        if (!File.Exists(CsvPath))
        {
            return (-1, -1, -1, 0, 0);
        }

        foreach (string line in File.ReadLines(CsvPath).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length < 5 || !double.TryParse(f[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                continue;
            }

            string name = f[2];
            if (name.StartsWith("dotnet.gc.collections", StringComparison.Ordinal))
            {
                if (name.Contains("gen0", StringComparison.Ordinal)) { g0 += (long)value; }
                else if (name.Contains("gen1", StringComparison.Ordinal)) { g1 += (long)value; }
                else if (name.Contains("gen2", StringComparison.Ordinal)) { g2 += (long)value; }
            }
            else if (name.StartsWith("dotnet.gc.heap.total_allocated", StringComparison.Ordinal))
            {
                allocated += value;
            }
            else if (name.StartsWith("dotnet.gc.pause.time", StringComparison.Ordinal))
            {
                pause += value;
            }
        }

        return (g0, g1, g2, allocated, pause);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string? Find()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, "dotnet-counters"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
