using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.LoadTests.Scenarios;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>`rdp-load soak`: the mixed scenario for a long time (default 10 minutes) while sampling RSS and GC counts.</summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var options = new ScenarioOptions("10m");
        var rate = new Option<double>("--rate") { Description = "requests per second (open loop)", DefaultValueFactory = _ => 600 };
        var every = new Option<TimeSpan>("--sample-every")
        {
            Description = "sampling interval", CustomParser = r => DurationText.Parse(r.Tokens[0].Value), DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        };
        var command = new Command("soak", "a long mixed run sampling the proxy's RSS and GC counts; RSS must stay flat and under 150 MB") { rate, every };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            ScenarioContext context = ScenarioContext.From(parse, options);
            double perSecond = parse.GetValue(rate);
            // Router sessions for every Mikrotik-bound request (a third of them), plus margin.
            long sessions = (long)((context.Duration + context.Warmup + TimeSpan.FromSeconds(10)).TotalSeconds * perSecond / 3 * 1.1) + 1000;
            var sampler = new SoakSampler(parse.GetValue(every))
            {
                WorkDirectory = context.WorkDirectory("soak"),
                ExpectedDuration = context.Duration + context.Warmup + TimeSpan.FromSeconds(30),
            };
            LoadResult result = await MixScenario.RunAsync(context, "soak", perSecond, sessions, sampler).ConfigureAwait(false);
            ConsoleReport.Write([result]);
            ReportFiles.Write(result, context.ResultsDirectory);
            sampler.SetAnswered(result.Totals.Answered);
            (bool flat, string verdict) = sampler.Judge();
            string stem = Path.Combine(context.ResultsDirectory, $"{context.Stamp}-soak");
            await File.WriteAllTextAsync(stem + "-memory.csv", sampler.Csv()).ConfigureAwait(false);
            await File.WriteAllTextAsync(stem + ".md", "# Soak\n\n" + MarkdownReport.Render([result]) + "\n" + verdict + "\n").ConfigureAwait(false);
            AnsiConsole.MarkupLine((flat ? "[green]" : "[red]") + Markup.Escape(verdict) + "[/]");
            AnsiConsole.MarkupLine($"[grey]reports: {Markup.Escape(stem)}.md / -memory.csv[/]");
            return flat ? 0 : 1;
        });
        return command;
    }
}
