namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// The keys of <c>security</c>, read either from the section itself or as per-client overrides inside
/// <c>client NAME { … }</c> on top of the global values.
/// </summary>
internal static class SecuritySection
{
    /// <param name="inherited">The global settings (or the built-in defaults when reading the section itself).</param>
    /// <param name="duplicateWindowExplicit">
    /// Whether the inherited duplicate_window was set explicitly; if not, it follows this block's event_timestamp_window
    /// (RFC 5176 §6.3: duplicates must be detected for as long as a request's Event-Timestamp is acceptable).
    /// </param>
    public static SecurityOptions Read(SectionReader section, SecurityOptions inherited, bool duplicateWindowExplicit, ICollection<string> warnings)
    {
        TimeSpan window = section.Duration("event_timestamp_window", inherited.EventTimestampWindow);
        TimeSpan duplicateWindow = section.Has("duplicate_window") || duplicateWindowExplicit
            ? section.Duration("duplicate_window", inherited.DuplicateWindow)
            : window;

        var options = new SecurityOptions
        {
            RequireMessageAuthenticator = section.Choice(
                "require_message_authenticator",
                inherited.RequireMessageAuthenticator,
                ("auto", RequireMessageAuthenticator.Auto),
                ("yes", RequireMessageAuthenticator.Yes),
                ("no", RequireMessageAuthenticator.No)),
            ResponseMessageAuthenticator = section.Bool("response_message_authenticator", inherited.ResponseMessageAuthenticator),
            EventTimestampWindow = window,
            RequireEventTimestamp = section.Bool("require_event_timestamp", inherited.RequireEventTimestamp),
            DuplicateWindow = duplicateWindow,
            DuplicateCacheSize = section.Int("duplicate_cache_size", inherited.DuplicateCacheSize, 1, 100_000_000),
            MaxPending = section.Int("max_pending", inherited.MaxPending, 1, 10_000_000),
        };

        if ((section.Has("duplicate_window") || section.Has("event_timestamp_window")) && duplicateWindow < window)
        {
            string where = section.Describe(section.Has("duplicate_window") ? "duplicate_window" : "event_timestamp_window");
            warnings.Add($"{where}: {section.DisplayName}: duplicate_window ({Format(duplicateWindow)}) is shorter than " +
                $"event_timestamp_window ({Format(window)}): a retransmission arriving later than duplicate_window is " +
                "carried out again (RFC 5176 §6.3)");
        }

        return options;
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 && t.Milliseconds == 0 ? $"{t.TotalSeconds:0}s" : $"{t.TotalMilliseconds:0}ms";
}
