namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed partial class SimulatedTable
{
    /// <summary>
    /// Appends one <c>!re</c> sentence per matching row (in insertion order) with the <paramref name="proplist"/>
    /// properties, or all of them. A query without <c>?#</c> operations is an AND, so one equality term on an indexed
    /// column narrows the candidates to an index hit; anything else scans.
    /// </summary>
    internal void Print(CompiledQuery query, string[]? proplist, List<string[]> replies)
    {
        lock (_lock)
        {
            if (IndexedCandidates(query) is { } candidates)
            {
                if (candidates.Count > 1)
                {
                    candidates.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                }

                foreach (SimulatedRow row in candidates)
                {
                    AppendIfMatching(query, row, proplist, replies);
                }

                return;
            }

            foreach (SimulatedRow row in _rows)
            {
                AppendIfMatching(query, row, proplist, replies);
            }
        }
    }

    /// <summary>Removes the dynamic rows of that name (an index hit): the simple queue of a removed session.</summary>
    internal int RemoveDynamicNamed(string name)
    {
        lock (_lock)
        {
            if (!_indexes["name"].TryGetValue(name, out List<SimulatedRow>? rows))
            {
                return 0;
            }

            int removed = 0;
            foreach (SimulatedRow row in rows.ToArray())
            {
                if (row.Values.GetValueOrDefault("dynamic") == "true")
                {
                    Unlink(row);
                    removed++;
                }
            }

            return removed;
        }
    }

    private List<SimulatedRow>? IndexedCandidates(CompiledQuery query)
    {
        if (query.HasOperations)
        {
            return null;
        }

        foreach (QueryTerm term in query.Terms)
        {
            if (term.Kind == QueryTermKind.Equal && _indexes.TryGetValue(term.Name, out Dictionary<string, List<SimulatedRow>>? index))
            {
                // A copy: the list is the index's own and the caller may sort it.
                return index.TryGetValue(term.Value, out List<SimulatedRow>? rows) ? [.. rows] : [];
            }
        }

        return null;
    }

    private static void AppendIfMatching(CompiledQuery query, SimulatedRow row, string[]? proplist, List<string[]> replies)
    {
        if (!query.Matches(row.Values))
        {
            return;
        }

        Dictionary<string, string> values = row.Values;
        string[] sentence;
        if (proplist is null)
        {
            sentence = new string[values.Count + 1];
            int i = 1;
            foreach (KeyValuePair<string, string> value in values)
            {
                sentence[i++] = "=" + value.Key + "=" + value.Value;
            }
        }
        else
        {
            int count = 0;
            foreach (string name in proplist)
            {
                count += values.ContainsKey(name) ? 1 : 0;
            }

            sentence = new string[count + 1];
            int i = 1;
            foreach (string name in proplist)
            {
                if (values.TryGetValue(name, out string? value))
                {
                    sentence[i++] = "=" + name + "=" + value;
                }
            }
        }

        sentence[0] = "!re";
        replies.Add(sentence);
    }
}
