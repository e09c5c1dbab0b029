using System.Text.Json;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed partial class SimulatedTable
{
    /// <summary>
    /// A REST print: the JSON array of the matching rows (in insertion order) with the <paramref name="proplist"/>
    /// properties, or all, every value a string. Written straight from the rows under the table's lock (no copies).
    /// </summary>
    internal void WritePrint(Utf8JsonWriter writer, CompiledQuery query, string[]? proplist)
    {
        writer.WriteStartArray();
        lock (_lock)
        {
            List<SimulatedRow>? candidates = IndexedCandidates(query);
            if (candidates is { Count: > 1 })
            {
                candidates.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            }

            foreach (SimulatedRow row in (IEnumerable<SimulatedRow>?)candidates ?? _rows)
            {
                if (query.Matches(row.Values))
                {
                    WriteRow(writer, row.Values, proplist);
                }
            }
        }

        writer.WriteEndArray();
    }

    internal static void WriteRow(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> values, string[]? proplist)
    {
        writer.WriteStartObject();
        if (proplist is null)
        {
            foreach (KeyValuePair<string, string> value in values)
            {
                writer.WriteString(value.Key, value.Value);
            }
        }
        else
        {
            foreach (string name in proplist)
            {
                if (values.TryGetValue(name, out string? value))
                {
                    writer.WriteString(name, value);
                }
            }
        }

        writer.WriteEndObject();
    }
}
