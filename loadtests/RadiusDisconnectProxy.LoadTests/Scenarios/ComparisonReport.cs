using System.Globalization;
using System.Text;
using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.LoadTests.Reporting;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>FreeRADIUS and our proxy side by side at one window: both rows, the ratios and the targets.</summary>
internal sealed record ComparisonPair(int Window, LoadResult FreeRadius, LoadResult? Proxy)
{
    public double? ThroughputRatio => Proxy is null || FreeRadius.AckPerSecond == 0 ? null : Proxy.AckPerSecond / FreeRadius.AckPerSecond;

    public double? P99Ratio => Proxy is null || FreeRadius.Latency.P99 == 0 ? null : Proxy.Latency.P99 / FreeRadius.Latency.P99;

    public double? CpuRatio => Proxy?.Server is null || FreeRadius.Server is null || FreeRadius.Server.CpuMicrosecondsPerRequest == 0
        ? null
        : Proxy.Server.CpuMicrosecondsPerRequest / FreeRadius.Server.CpuMicrosecondsPerRequest;
}

internal static class ComparisonReport
{
    public static IReadOnlyList<string> Targets(IReadOnlyList<ComparisonPair> pairs)
    {
        var lines = new List<string>();
        foreach (ComparisonPair pair in pairs)
        {
            foreach (LoadResult row in new[] { pair.FreeRadius, pair.Proxy }.OfType<LoadResult>())
            {
                bool allAck = row.Totals.Ack == row.Totals.Sent;
                lines.Add(Inv($"{(allAck ? "PASS" : "FAIL")} {row.Name}: every request ACKed ({row.Totals.Ack} of {row.Totals.Sent}; NAK {row.Totals.Nak}, lost {row.Totals.Lost}, invalid {row.Totals.Invalid})"));
            }

            if (pair.Proxy is null)
            {
                continue;
            }

            lines.Add(Verdict(pair.ThroughputRatio >= 1.5, Inv($"w{pair.Window}: throughput ≥ 1.5× FreeRADIUS (measured {pair.ThroughputRatio:0.00}×)")));
            lines.Add(Verdict(pair.CpuRatio <= 0.5, Inv($"w{pair.Window}: CPU per forwarded request ≤ ½ of FreeRADIUS's (measured {pair.CpuRatio:0.00}×)")));
            if (pair.Window == 32)
            {
                lines.Add(Verdict(pair.Proxy.Latency.P99 <= 1.0, Inv($"w32: p99 ≤ 1 ms (measured {pair.Proxy.Latency.P99:0.###} ms)")));
            }

            if (pair.Window >= 256)
            {
                lines.Add(Verdict(pair.Proxy.Totals.Lost == 0, Inv($"w{pair.Window}: 0 lost (measured {pair.Proxy.Totals.Lost})")));
            }
        }

        return lines;
    }

    public static void WriteConsole(IReadOnlyList<ComparisonPair> pairs, string freeRadiusVersion)
    {
        ConsoleReport.Write([.. pairs.SelectMany(p => new[] { p.FreeRadius, p.Proxy }.OfType<LoadResult>())]);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]ours ÷ FreeRADIUS[/]");
        table.AddColumns("window", "throughput (ACK/s)", "p99", "server CPU µs per request");
        foreach (ComparisonPair pair in pairs)
        {
            table.AddRow(
                pair.Window.ToString(CultureInfo.InvariantCulture),
                Ratio(pair.ThroughputRatio), Ratio(pair.P99Ratio), Ratio(pair.CpuRatio));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape($"{freeRadiusVersion}; net.core.rmem_max = {KernelSettings.RmemMax}"));
        foreach (string line in Targets(pairs))
        {
            AnsiConsole.MarkupLine((line.StartsWith("PASS", StringComparison.Ordinal) ? "[green]" : "[red]") + Markup.Escape(line) + "[/]");
        }
    }

    public static string Markdown(IReadOnlyList<ComparisonPair> pairs, string freeRadiusVersion)
    {
        var md = new StringBuilder();
        md.AppendLine("# FreeRADIUS 3.2 and RadiusDisconnectProxy side by side (CoA proxy → instant NAS simulator)");
        md.AppendLine();
        md.AppendLine(MarkdownReport.Render([.. pairs.SelectMany(p => new[] { p.FreeRadius, p.Proxy }.OfType<LoadResult>())]));
        md.AppendLine("| window | throughput ours ÷ FreeRADIUS | p99 ours ÷ FreeRADIUS | CPU per request ours ÷ FreeRADIUS |");
        md.AppendLine("|---:|---:|---:|---:|");
        foreach (ComparisonPair pair in pairs)
        {
            md.AppendLine(Inv($"| {pair.Window} | {Ratio(pair.ThroughputRatio)} | {Ratio(pair.P99Ratio)} | {Ratio(pair.CpuRatio)} |"));
        }

        md.AppendLine();
        md.AppendLine(Inv($"{freeRadiusVersion}; net.core.rmem_max = {KernelSettings.RmemMax}; {Environment.ProcessorCount} cores shared by generator, servers and NAS simulator."));
        md.AppendLine();
        foreach (string line in Targets(pairs))
        {
            md.AppendLine("- " + line);
        }

        return md.ToString();
    }

    private static string Verdict(bool? met, string text) => (met == true ? "PASS " : "MISS ") + text;

    private static string Ratio(double? value) => value is null ? "–" : value.Value.ToString("0.00×", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
