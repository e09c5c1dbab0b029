namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>
/// The print query language of the API manual ("Queries"): each query word pushes a result; <c>?#</c> operations
/// combine them (<c>!</c> not, <c>&amp;</c> and, <c>|</c> or, <c>.</c> duplicate); the stack starts as an endless
/// supply of true and a row matches when no false remains. Stack indexes in <c>?#</c> are not simulated.
/// </summary>
public static class QueryEvaluator
{
    public static bool Matches(IReadOnlyDictionary<string, string> row, IReadOnlyList<string> queries)
        => CompiledQuery.Parse(queries, 0).Matches(row);
}
