using System.Net;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>What every scenario shares: where the proxy binary is, how long to measure, where reports go.</summary>
internal sealed class ScenarioContext
{
    public const string ClientSecret = "testing123";
    public const string NasSecret = "nassecret";

    public required string ProxyPath { get; init; }
    public required string ResultsDirectory { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public bool Progress { get; init; } = true;
    public string Stamp { get; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A folder for one scenario's configs and logs (kept for inspection, under results/).</summary>
    public string WorkDirectory(string scenario) => Path.Combine(ResultsDirectory, "work", Stamp + "-" + scenario);

    /// <summary>Each run gets its own block of sequence numbers, so no two requests of one session are alike.</summary>
    private long _nextSequenceBlock = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1_000_000_000L % 4_000_000_000_000_000L;

    public LoadSettings Settings(string name, IPEndPoint target, RequestTemplate template, int? pid, IReadOnlyDictionary<string, int>? others = null) => new()
    {
        Name = name,
        Target = target,
        Secret = ClientSecret,
        Duration = Duration,
        Warmup = Warmup,
        Progress = Progress,
        TargetPid = pid,
        OtherPids = others ?? new Dictionary<string, int>(),
        Template = template with { SequenceOffset = Interlocked.Add(ref _nextSequenceBlock, 10_000_000_000) },
    };

    public static LoadResult Run(LoadSettings settings)
    {
        var progress = new ConsoleProgress(settings.Name, settings.Progress);
        LoadResult result = new LoadRunner(settings, progress).Run(CancellationToken.None);
        progress.Finish();
        return result;
    }

    public static string RepositoryRoot()
    {
        string results = ReportFiles.DefaultDirectory();
        return Path.GetFullPath(Path.Combine(results, "..", ".."));
    }

    public static ScenarioContext From(System.CommandLine.ParseResult parse, ScenarioOptions options) => new()
    {
        ProxyPath = parse.GetValue(options.Proxy) ?? ProxyServer.DefaultPath(RepositoryRoot()),
        ResultsDirectory = parse.GetValue(options.Results) ?? ReportFiles.DefaultDirectory(),
        Duration = parse.GetValue(options.Duration),
        Warmup = parse.GetValue(options.Warmup),
        Progress = !parse.GetValue(options.NoProgress),
    };

    public static int ProxyPorts(out int metrics)
    {
        metrics = FreePort.Tcp();
        return FreePort.Udp();
    }
}
