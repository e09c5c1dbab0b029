using System.Globalization;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>The final table on the console.</summary>
internal static class ConsoleReport
{
    public static void Write(IReadOnlyList<LoadResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]rdp-load[/]");
        foreach (string column in new[] { "run", "sent", "ACK", "NAK", "lost", "invalid", "answers/s", "p50", "p75", "p95", "p99", "p99.9", "max", "server µs/req", "server RSS" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (LoadResult r in results)
        {
            LatencySummary l = r.Latency;
            table.AddRow(
                Markup.Escape(r.Name),
                N(r.Totals.Sent), N(r.Totals.Ack), N(r.Totals.Nak), N(r.Totals.Lost), N(r.Totals.Invalid),
                r.AnsweredPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                Ms(l.P50), Ms(l.P75), Ms(l.P95), Ms(l.P99), Ms(l.P999), Ms(l.Max),
                r.Server is null ? "–" : r.Server.CpuMicrosecondsPerRequest.ToString("0.0", CultureInfo.InvariantCulture),
                r.Server is null ? "–" : (r.Server.RssAfterBytes / 1048576.0).ToString("0 MB", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        foreach (LoadResult r in results)
        {
            if (r.Totals.NakByCause.Count > 0)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"{r.Name}: NAK by Error-Cause: " + string.Join(", ", r.Totals.NakByCause.Select(p => $"{MarkdownReport.ErrorCauseName(p.Key)} ×{p.Value}"))));
            }

            if (r.Totals.Late + r.Totals.Skipped + r.Totals.SendErrors + r.Totals.ZeroedMessageAuthenticator > 0)
            {
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.Name}: late answers {r.Totals.Late}, not sent (all Identifiers busy) {r.Totals.Skipped}, send errors {r.Totals.SendErrors}, answers with a zeroed-authenticator Message-Authenticator {r.Totals.ZeroedMessageAuthenticator}")));
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms < 1
        ? (ms * 1000).ToString("0", CultureInfo.InvariantCulture) + " µs"
        : ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}
