namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>One parsed print query word (API manual, "Queries").</summary>
internal readonly record struct QueryTerm(QueryTermKind Kind, string Name, string Value);
