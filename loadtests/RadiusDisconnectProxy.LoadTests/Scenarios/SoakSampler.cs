using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RadiusDisconnectProxy.LoadTests.Processes;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// Samples the proxy's RSS (/proc) and GC collection counts (its Prometheus endpoint: prometheus-net's
/// dotnet_collection_count_total) every few seconds during a soak.
/// </summary>
internal sealed partial class SoakSampler(TimeSpan interval)
{
    private readonly List<SoakSample> _samples = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private DotnetCounters? _counters;
    private long _answered;

    /// <summary>Where dotnet-counters may write, and for how long (set before <see cref="Start"/>).</summary>
    public string? WorkDirectory { get; set; }

    public TimeSpan ExpectedDuration { get; set; } = TimeSpan.FromMinutes(11);

    /// <summary>Answers of the run, to express allocation per request.</summary>
    public void SetAnswered(long answered) => _answered = answered;

    public IReadOnlyList<SoakSample> Samples => _samples;

    public void Start(int pid, int metricsPort)
    {
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(pid, metricsPort, _stop.Token));
        if (WorkDirectory is not null)
        {
            _counters = DotnetCounters.TryStart(pid, interval, ExpectedDuration, WorkDirectory);
        }
    }

    public async Task StopAsync()
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_counters is not null)
        {
            await _counters.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
        _http.Dispose();
    }

    public string Csv()
    {
        var csv = new StringBuilder("elapsed_s,rss_mb,gc0,gc1,gc2,cpu_s\n");
        foreach (SoakSample s in _samples)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{s.ElapsedSeconds:0.0},{s.RssMegabytes:0.0},{s.Gen0},{s.Gen1},{s.Gen2},{s.CpuSeconds:0.00}"));
        }

        return csv.ToString();
    }

    /// <summary>Flat: max RSS under 150 MB and the last quarter's mean within 10 % (or 10 MB) of the second quarter's.</summary>
    public (bool Flat, string Verdict) Judge()
    {
        if (_samples.Count < 8)
        {
            return (false, "too few samples");
        }

        double max = _samples.Max(s => s.RssMegabytes);
        int q = _samples.Count / 4;
        double second = _samples.Skip(q).Take(q).Average(s => s.RssMegabytes);
        double last = _samples.Skip(3 * q).Average(s => s.RssMegabytes);
        bool flat = max < 150 && last - second <= Math.Max(10, second * 0.10);
        string gc = $"GC gen0/1/2 from the metrics endpoint {_samples[^1].Gen0}/{_samples[^1].Gen1}/{_samples[^1].Gen2} (-1: not exported)";
        if (_counters?.Totals() is { Gen0: >= 0 } t)
        {
            gc = string.Create(CultureInfo.InvariantCulture,
                $"GC collections (dotnet-counters, {_counters.CsvPath}): gen0 {t.Gen0}, gen1 {t.Gen1}, gen2 {t.Gen2}; GC pause {t.PauseSeconds:0.000} s in total; allocated {t.AllocatedBytes / 1048576:0} MB{(_answered > 0 ? $" ({t.AllocatedBytes / _answered / 1024:0.0} KB per request)" : "")}");
        }

        return (flat, string.Create(CultureInfo.InvariantCulture,
            $"RSS max {max:0.0} MB; mean of 2nd quarter {second:0.0} MB, of last quarter {last:0.0} MB; first {_samples[0].RssMegabytes:0.0} MB, last {_samples[^1].RssMegabytes:0.0} MB; {gc} → {(flat ? "flat, under 150 MB" : "NOT flat or over 150 MB")}"));
    }

    private async Task LoopAsync(int pid, int metricsPort, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            ProcessSample process = ProcessSample.Read(pid);
            (long g0, long g1, long g2) = await GcCountsAsync(metricsPort).ConfigureAwait(false);
            _samples.Add(new SoakSample(clock.Elapsed.TotalSeconds, process.RssBytes / 1048576.0, g0, g1, g2, process.Cpu.TotalSeconds));
            try
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(long, long, long)> GcCountsAsync(int port)
    {
        try
        {
            string text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).ConfigureAwait(false);
            long Count(string generation) => GcLine().Matches(text).Where(m => m.Groups[1].Value == generation)
                .Select(m => (long)double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).FirstOrDefault(-1);
            return (Count("0"), Count("1"), Count("2"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (-1, -1, -1);
        }
    }

    [GeneratedRegex("""^dotnet_collection_count_total\{generation="(\d)"\} ([0-9.eE+]+)""", RegexOptions.Multiline)]
    private static partial Regex GcLine();
}

internal sealed record SoakSample(double ElapsedSeconds, double RssMegabytes, long Gen0, long Gen1, long Gen2, double CpuSeconds);
