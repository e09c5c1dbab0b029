namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>radiusdesk { connection_string = "…"  cache_ttl  record_actions  verify  verify_timeout }</c> (docs/configuration.md, docs/radiusdesk.md).</summary>
internal static class RadiusDeskSection
{
    private static readonly HashSet<string> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection_string", "cache_ttl", "record_actions", "verify", "verify_timeout",
    };

    public static RadiusDeskOptions Read(SectionReader section)
    {
        section.RejectUnknownKeys(s_keys);
        var defaults = new RadiusDeskOptions { ConnectionString = "" };
        return new RadiusDeskOptions
        {
            // The connection string holds the database password: its value never appears in a message.
            ConnectionString = section.RequiredString("connection_string"),
            CacheTtl = section.Duration("cache_ttl", defaults.CacheTtl, allowZero: true),
            RecordActions = section.Bool("record_actions", defaults.RecordActions),
            Verify = section.Choice("verify", defaults.Verify, ("none", VerifyMode.None), ("accounting", VerifyMode.Accounting)),
            VerifyTimeout = section.Duration("verify_timeout", defaults.VerifyTimeout),
        };
    }
}
