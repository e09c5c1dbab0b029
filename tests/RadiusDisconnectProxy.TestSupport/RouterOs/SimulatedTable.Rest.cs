namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed partial class SimulatedTable
{
    /// <summary>The matching rows (copies, in insertion order) with the <paramref name="proplist"/> properties, or all: a REST print.</summary>
    internal List<Dictionary<string, string>> PrintRows(CompiledQuery query, string[]? proplist)
    {
        var rows = new List<Dictionary<string, string>>();
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
                    rows.Add(Project(row.Values, proplist));
                }
            }
        }

        return rows;
    }

    private static Dictionary<string, string> Project(Dictionary<string, string> values, string[]? proplist)
    {
        if (proplist is null)
        {
            return new Dictionary<string, string>(values, StringComparer.Ordinal);
        }

        var projected = new Dictionary<string, string>(proplist.Length, StringComparer.Ordinal);
        foreach (string name in proplist)
        {
            if (values.TryGetValue(name, out string? value))
            {
                projected[name] = value;
            }
        }

        return projected;
    }
}
