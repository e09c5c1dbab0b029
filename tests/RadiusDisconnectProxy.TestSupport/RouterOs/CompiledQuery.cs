using System.Globalization;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>
/// The query words of one print, parsed once and then evaluated against each candidate row without allocating.
/// Semantics as <see cref="QueryEvaluator"/> describes: a stack of results that starts as an endless supply of true.
/// </summary>
internal sealed class CompiledQuery
{
    private readonly QueryTerm[] _terms;
    private readonly List<bool> _stack = [];

    private CompiledQuery(QueryTerm[] terms, bool hasOperations)
    {
        _terms = terms;
        HasOperations = hasOperations;
    }

    /// <summary>True when <c>?#</c> operations combine the results; otherwise every term must hold (an AND).</summary>
    public bool HasOperations { get; }

    public IReadOnlyList<QueryTerm> Terms => _terms;

    /// <summary>Parses the words that start with <c>?</c> (other words are ignored).</summary>
    public static CompiledQuery Parse(IReadOnlyList<string> words, int start)
    {
        var terms = new List<QueryTerm>();
        bool operations = false;
        for (int i = start; i < words.Count; i++)
        {
            string word = words[i];
            if (word.Length == 0 || word[0] != '?')
            {
                continue;
            }

            QueryTerm term = ParseTerm(word);
            operations |= term.Kind == QueryTermKind.Operations;
            terms.Add(term);
        }

        return new CompiledQuery([.. terms], operations);
    }

    /// <summary>Not thread-safe: one compiled query serves one print.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> row)
    {
        List<bool> stack = _stack;
        stack.Clear();
        foreach (QueryTerm term in _terms)
        {
            if (term.Kind != QueryTermKind.Operations)
            {
                stack.Add(Evaluate(row, term));
                continue;
            }

            foreach (char op in term.Name)
            {
                switch (op)
                {
                    case '!':
                        stack.Add(!Pop(stack));
                        break;
                    case '&':
                        stack.Add(Pop(stack) & Pop(stack));
                        break;
                    case '|':
                        stack.Add(Pop(stack) | Pop(stack));
                        break;
                    case '.':
                        bool top = Pop(stack);
                        stack.Add(top);
                        stack.Add(top);
                        break;
                    default:
                        throw new NotSupportedException($"Query operation '{op}' is not simulated.");
                }
            }
        }

        return !stack.Contains(false);
    }

    private static QueryTerm ParseTerm(string word)
    {
        string body = word[1..];
        if (body.StartsWith('#'))
        {
            return new QueryTerm(QueryTermKind.Operations, body[1..], "");
        }

        if (body.StartsWith('-'))
        {
            return new QueryTerm(QueryTermKind.Absent, body[1..], "");
        }

        char op = body.Length > 0 && body[0] is '<' or '>' or '=' ? body[0] : '\0';
        string rest = op == '\0' ? body : body[1..];
        int separator = rest.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            return new QueryTerm(QueryTermKind.Present, rest, "");
        }

        QueryTermKind kind = op switch
        {
            '<' => QueryTermKind.Less,
            '>' => QueryTermKind.Greater,
            _ => QueryTermKind.Equal,
        };
        return new QueryTerm(kind, rest[..separator], rest[(separator + 1)..]);
    }

    private static bool Pop(List<bool> stack)
    {
        if (stack.Count == 0)
        {
            return true;
        }

        bool value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private static bool Evaluate(IReadOnlyDictionary<string, string> row, QueryTerm term)
    {
        switch (term.Kind)
        {
            case QueryTermKind.Absent:
                return !row.ContainsKey(term.Name);
            case QueryTermKind.Present:
                return row.ContainsKey(term.Name);
        }

        if (!row.TryGetValue(term.Name, out string? actual))
        {
            return false;
        }

        return term.Kind switch
        {
            QueryTermKind.Less => Compare(actual, term.Value) < 0,
            QueryTermKind.Greater => Compare(actual, term.Value) > 0,
            _ => string.Equals(actual, term.Value, StringComparison.Ordinal),
        };
    }

    private static int Compare(string a, string b)
        => long.TryParse(a, CultureInfo.InvariantCulture, out long x) && long.TryParse(b, CultureInfo.InvariantCulture, out long y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
