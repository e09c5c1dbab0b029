using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.LoadTests.Scenarios;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>
/// `rdp-load scenarios [all|forwarding|mqtt|mikrotik|mikrotik-rest|username|mix]`: starts simulators (own process), the built
/// proxy (own process, generated radius.conf) and loads it; writes every run's reports plus a summary.
/// </summary>
internal static class ScenariosCommand
{
    private static readonly string[] s_all = ["forwarding", "mqtt", "mikrotik", "mikrotik-rest", "username", "mix"];

    public static Command Create()
    {
        var options = new ScenarioOptions("20s");
        var which = new Argument<string[]>("scenario") { Description = "all, or any of: " + string.Join(", ", s_all), Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("scenarios", "run the load scenarios against the proxy started as a real process") { which };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            ScenarioContext context = ScenarioContext.From(parse, options);
            string[] names = parse.GetValue(which) is { Length: > 0 } given && !given.Contains("all") ? given : s_all;
            var results = new List<LoadResult>();
            var failures = new List<string>();
            foreach (string name in names)
            {
                AnsiConsole.MarkupLine($"[bold]scenario {Markup.Escape(name)}[/]");
                try
                {
                    IReadOnlyList<LoadResult> runs = await RunAsync(name, context).ConfigureAwait(false);
                    results.AddRange(runs);
                    ConsoleReport.Write(runs);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or NotSupportedException or System.Net.Sockets.SocketException)
                {
                    failures.Add($"{name}: {ex.Message}");
                    AnsiConsole.MarkupLine($"[red]scenario {Markup.Escape(name)} failed:[/] {Markup.Escape(ex.Message)}");
                }
            }

            foreach (LoadResult result in results)
            {
                ReportFiles.Write(result, context.ResultsDirectory);
            }

            if (results.Count > 0)
            {
                string summary = Path.Combine(context.ResultsDirectory, $"{context.Stamp}-scenarios.md");
                await File.WriteAllTextAsync(summary, "# Scenarios\n\n" + MarkdownReport.Render(results) + string.Concat(failures.Select(f => $"\n- FAILED {f}"))).ConfigureAwait(false);
                AnsiConsole.MarkupLine($"[grey]summary: {Markup.Escape(summary)}[/]");
            }

            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static Task<IReadOnlyList<LoadResult>> RunAsync(string name, ScenarioContext context) => name switch
    {
        "forwarding" => ForwardingScenario.RunAsync(context, [32, 256]),
        "mqtt" => MqttScenario.RunAsync(context),
        "mikrotik" => MikrotikScenario.RunAsync(context),
        "mikrotik-rest" => MikrotikRestScenario.RunAsync(context),
        "username" => UserNameScenario.RunAsync(context),
        "mix" => MixScenario.RunAsync(context),
        _ => throw new NotSupportedException($"unknown scenario '{name}' (known: {string.Join(", ", s_all)})"),
    };
}
