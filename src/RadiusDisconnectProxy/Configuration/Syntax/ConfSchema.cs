namespace RadiusDisconnectProxy.Configuration.Syntax;

/// <summary>
/// Which blocks may appear where (docs/configuration.md §4). Keys are checked later, by validation; the parser only needs to
/// know the block structure so that a misplaced or misnamed block is reported at its own line.
/// </summary>
internal static class ConfSchema
{
    /// <summary>Top-level blocks without a name.</summary>
    public static readonly IReadOnlySet<string> UnnamedSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "listen", "listen_tls", "dictionary", "security", "metrics", "audit", "log", "mqtt", "radiusdesk", "admin",
    };

    /// <summary>Top-level blocks that take a name: <c>client NAME { … }</c>, <c>nas NAME { … }</c>.</summary>
    public static readonly IReadOnlySet<string> NamedSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "client", "nas",
    };

    /// <summary>
    /// Whether a block <paramref name="kind"/> may appear inside <paramref name="parentKind"/> (null = top level),
    /// and whether it takes a name.
    /// </summary>
    public static bool TryGetBlockRule(string? parentKind, string kind, out bool named)
    {
        if (parentKind is null)
        {
            named = NamedSections.Contains(kind);
            return named || UnnamedSections.Contains(kind);
        }

        // nas mesh12 { node 146 { mac = …  mesh_id = … } },  nas psk_ap { ap 7 { mac = … } }; which NAS types take
        // which blocks is validation's business.
        named = true;
        return string.Equals(parentKind, "nas", StringComparison.OrdinalIgnoreCase)
            && (string.Equals(kind, "node", StringComparison.OrdinalIgnoreCase) || string.Equals(kind, "ap", StringComparison.OrdinalIgnoreCase));
    }
}
