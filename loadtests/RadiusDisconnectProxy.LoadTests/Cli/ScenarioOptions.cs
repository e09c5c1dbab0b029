using System.CommandLine;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>Options shared by `scenarios`, `compare` and `soak`.</summary>
internal sealed class ScenarioOptions
{
    public ScenarioOptions(string defaultDuration)
    {
        Duration = Durations("--duration", "measured time per run", defaultDuration);
    }

    public Option<string?> Proxy { get; } = new("--proxy") { Description = "the built radius-disconnect-proxy (default: src/RadiusDisconnectProxy/bin/Release/net10.0/radius-disconnect-proxy)" };
    public Option<string?> Results { get; } = new("--results") { Description = "report folder (default loadtests/results)" };
    public Option<TimeSpan> Duration { get; }
    public Option<TimeSpan> Warmup { get; } = Durations("--warmup", "load before measuring starts", "3s");
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "no live progress line" };

    public void AddTo(Command command)
    {
        command.Add(Proxy);
        command.Add(Results);
        command.Add(Duration);
        command.Add(Warmup);
        command.Add(NoProgress);
    }

    private static Option<TimeSpan> Durations(string name, string description, string fallback) => new(name)
    {
        Description = description,
        CustomParser = r => DurationText.Parse(r.Tokens[0].Value),
        DefaultValueFactory = _ => DurationText.Parse(fallback),
    };
}
