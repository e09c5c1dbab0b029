using System.Globalization;
using System.Text;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>A Markdown table of one or more runs, one row each, plus the NAKs by Error-Cause.</summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<LoadResult> results)
    {
        var md = new StringBuilder();
        LoadResult first = results[0];
        md.AppendLine(Inv($"Measured {first.StartedUtc:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, net.core.rmem_max = {first.RmemMax?.ToString(CultureInfo.InvariantCulture) ?? "?"}."));
        md.AppendLine();
        md.AppendLine("| run | mode | sent | ACK | NAK | lost | invalid | answers/s | p50 ms | p75 ms | p95 ms | p99 ms | p99.9 ms | max ms | server CPU µs/req | server RSS MB |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (LoadResult r in results)
        {
            LatencySummary l = r.Latency;
            string cpu = r.Server is null ? "–" : Inv($"{r.Server.CpuMicrosecondsPerRequest:0.0}");
            string rss = r.Server is null ? "–" : Inv($"{r.Server.RssAfterBytes / 1048576.0:0}");
            md.AppendLine(Inv($"| {r.Name} | {r.Mode} | {r.Totals.Sent} | {r.Totals.Ack} | {r.Totals.Nak} | {r.Totals.Lost} | {r.Totals.Invalid} | {r.AnsweredPerSecond:0} | {l.P50:0.###} | {l.P75:0.###} | {l.P95:0.###} | {l.P99:0.###} | {l.P999:0.###} | {l.Max:0.###} | {cpu} | {rss} |"));
        }

        foreach (LoadResult r in results.Where(r => r.Totals.NakByCause.Count > 0))
        {
            md.AppendLine();
            md.AppendLine(Inv($"NAKs of {r.Name} by Error-Cause: ") + string.Join(", ", r.Totals.NakByCause.Select(p => Inv($"{ErrorCauseName(p.Key)} ×{p.Value}"))));
        }

        md.AppendLine();
        md.AppendLine("CPU per request (µs, from /proc/PID/stat over the measured window):");
        md.AppendLine();
        foreach (LoadResult r in results)
        {
            IEnumerable<ProcessUsage> all = new[] { r.Server, r.Generator }.OfType<ProcessUsage>().Concat(r.Others);
            md.AppendLine(Inv($"- {r.Name}: ") + string.Join(", ", all.Select(p => Inv($"{p.Name} {p.CpuMicrosecondsPerRequest:0.0} µs ({p.Cores:0.00} cores)"))));
        }

        md.AppendLine();
        md.AppendLine("Command: `" + first.CommandLine + "`");
        return md.ToString();
    }

    public static string ErrorCauseName(int cause) =>
        cause == 0 ? "none" : Enum.IsDefined(typeof(Radius.Attributes.ErrorCause), (uint)cause)
            ? Inv($"{cause} {(Radius.Attributes.ErrorCause)(uint)cause}")
            : cause.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
