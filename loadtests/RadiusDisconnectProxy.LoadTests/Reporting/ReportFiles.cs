using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>Writes a run's Markdown and JSON reports and its latency-over-time CSV under the results directory.</summary>
internal static class ReportFiles
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Default results folder: loadtests/results next to the repository's loadtests folder, else ./results.</summary>
    public static string DefaultDirectory()
    {
        for (DirectoryInfo? dir = new(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "loadtests", "RadiusDisconnectProxy.LoadTests")))
            {
                return Path.Combine(dir.FullName, "loadtests", "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }

    /// <summary>Writes the three files; returns the base path (without extension).</summary>
    public static string Write(LoadResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, $"{result.StartedUtc:yyyyMMdd-HHmmss}-{Sanitize(result.Name)}");
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(result, s_json));
        File.WriteAllText(stem + ".md", MarkdownReport.Render([result]));
        File.WriteAllText(stem + "-latency.csv", Csv(result));
        return stem;
    }

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, s_json);

    public static string Csv(LoadResult result)
    {
        var csv = new StringBuilder("elapsed_s,sent,ack,nak,lost,invalid,answered_per_s,p50_ms,p90_ms,p99_ms,max_ms\n");
        foreach (IntervalRow row in result.Intervals)
        {
            csv.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.ElapsedSeconds},{row.Sent},{row.Ack},{row.Nak},{row.Lost},{row.Invalid},{row.AnsweredPerSecond},{row.P50},{row.P90},{row.P99},{row.Max}"));
        }

        return csv.ToString();
    }

    public static string Sanitize(string name)
    {
        var clean = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return clean.ToString();
    }
}
