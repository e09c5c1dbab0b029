using Spectre.Console;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// Tables of CLI commands: a drawn table on a terminal; into a pipe or file, plain columns aligned with spaces (no box
/// drawing, no colour) so <c>grep</c>, <c>awk</c> and <c>cut</c> work on them.
/// </summary>
internal static class TableOutput
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        if (ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            var table = new Table();
            foreach (string header in headers)
            {
                table.AddColumn(Markup.Escape(header));
            }

            foreach (string[] row in rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }).Write(table);
            return;
        }

        WritePlain(output, headers, rows);
    }

    public static void WritePlain(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        int[] widths = [.. headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Length ? r[i].Length : 0)))];
        WriteRow(output, headers, widths);
        foreach (string[] row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < widths.Length; i++)
        {
            string cell = i < cells.Count && cells[i].Length > 0 ? cells[i] : "-"; // "-" keeps awk columns in place
            line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
        }

        output.WriteLine(line.ToString().TrimEnd());
    }
}
