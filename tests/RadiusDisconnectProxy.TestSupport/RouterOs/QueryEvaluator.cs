using System.Globalization;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>
/// The print query language of the API manual ("Queries"): each query word pushes a result; <c>?#</c> operations
/// combine them (<c>!</c> not, <c>&amp;</c> and, <c>|</c> or, <c>.</c> duplicate); the stack starts as an endless
/// supply of true and a row matches when no false remains. Stack indexes in <c>?#</c> are not simulated.
/// </summary>
public static class QueryEvaluator
{
    public static bool Matches(IReadOnlyDictionary<string, string> row, IReadOnlyList<string> queries)
    {
        var stack = new List<bool>();
        foreach (string query in queries)
        {
            string body = query[1..];
            if (body.StartsWith('#'))
            {
                foreach (char op in body[1..])
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

                continue;
            }

            stack.Add(Evaluate(row, body));
        }

        return !stack.Contains(false);
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

    private static bool Evaluate(IReadOnlyDictionary<string, string> row, string body)
    {
        if (body.StartsWith('-'))
        {
            return !row.ContainsKey(body[1..]);
        }

        char op = body.Length > 0 && body[0] is '<' or '>' or '=' ? body[0] : '\0';
        string rest = op == '\0' ? body : body[1..];
        int separator = rest.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            return row.ContainsKey(rest);
        }

        string name = rest[..separator];
        string value = rest[(separator + 1)..];
        if (!row.TryGetValue(name, out string? actual))
        {
            return false;
        }

        return op switch
        {
            '<' => Compare(actual, value) < 0,
            '>' => Compare(actual, value) > 0,
            _ => actual == value,
        };
    }

    private static int Compare(string a, string b)
        => long.TryParse(a, CultureInfo.InvariantCulture, out long x) && long.TryParse(b, CultureInfo.InvariantCulture, out long y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
