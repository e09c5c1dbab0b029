using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>`rdp-load run`: one load run against a DAS already running.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var options = new LoadOptions();
        var command = new Command("run", "load a running DAS (closed loop by --window, open loop by --rate) and report");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            LoadSettings settings = options.Bind(parse);
            LoadResult result = Execute(settings, cancellationToken);
            return Task.FromResult(Finish([result], options.BindAssertions(parse), options.ResultsDirectory(parse)));
        });
        return command;
    }

    public static LoadResult Execute(LoadSettings settings, CancellationToken cancellationToken)
    {
        var progress = new ConsoleProgress(settings.Name, settings.Progress);
        LoadResult result = new LoadRunner(settings, progress).Run(cancellationToken);
        progress.Finish();
        return result;
    }

    /// <summary>Prints the table, writes the reports, checks the assertions: 0 when all hold, 1 otherwise.</summary>
    public static int Finish(IReadOnlyList<LoadResult> results, Assertions assertions, string resultsDirectory)
    {
        ConsoleReport.Write(results);
        foreach (LoadResult result in results)
        {
            string stem = ReportFiles.Write(result, resultsDirectory);
            AnsiConsole.MarkupLine($"[grey]reports: {Markup.Escape(stem)}.md / .json / -latency.csv[/]");
        }

        int exit = 0;
        foreach (LoadResult result in results)
        {
            foreach (string failure in assertions.Check(result))
            {
                AnsiConsole.MarkupLine($"[red]ASSERTION FAILED[/] {Markup.Escape(result.Name)}: {Markup.Escape(failure)}");
                exit = 1;
            }
        }

        return exit;
    }
}
