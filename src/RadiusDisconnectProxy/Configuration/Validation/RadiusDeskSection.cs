namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>radiusdesk { connection_string = "…"  cache_ttl  record_actions  verify  verify_timeout }</c> (docs/configuration.md, docs/radiusdesk.md).</summary>
internal static class RadiusDeskSection
{
    /// <summary>
    /// Parses the connection string as the database client will at start-up (unknown options, malformed numbers), so
    /// check-config rejects what serve would; the message names the option, never a value.
    /// </summary>
    private static string CheckConnectionString(SectionReader section)
    {
        string text = section.RequiredString("connection_string");
        try
        {
            var builder = new MySqlConnector.MySqlConnectionStringBuilder(text);
            _ = builder.ConnectionTimeout + builder.DefaultCommandTimeout + builder.MaximumPoolSize + builder.Port;
            _ = builder.Server + builder.Database;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            string reason = e.Message.StartsWith("Option '", StringComparison.Ordinal) || e.Message.StartsWith("Format of the initialization string", StringComparison.Ordinal)
                ? e.Message
                : "an option has a value of the wrong form";
            throw section.Error("connection_string", $"connection_string: {reason}");
        }

        return text;
    }

    public static RadiusDeskOptions Read(SectionReader section)
    {
        var defaults = new RadiusDeskOptions { ConnectionString = "" };
        return new RadiusDeskOptions
        {
            // The connection string holds the database password: its value never appears in a message.
            ConnectionString = CheckConnectionString(section),
            CacheTtl = section.Duration("cache_ttl", defaults.CacheTtl, allowZero: true),
            RecordActions = section.Bool("record_actions", defaults.RecordActions),
            Verify = section.Choice("verify", defaults.Verify, ("none", VerifyMode.None), ("accounting", VerifyMode.Accounting)),
            VerifyTimeout = section.Duration("verify_timeout", defaults.VerifyTimeout),
        };
    }
}
