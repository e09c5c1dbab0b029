namespace RadiusDisconnectProxy.Metrics;

internal static class DropReasonNames
{
    private static readonly string[] s_labels =
    [
        "unknown_client",
        "unknown_code",
        "malformed",
        "bad_request_authenticator",
        "bad_message_authenticator",
        "missing_message_authenticator",
        "event_timestamp_outside_window",
        "missing_event_timestamp",
        "duplicate_in_progress",
        "unanswerable",
    ];

    public static int Count => s_labels.Length;

    /// <summary>The metric label value (snake_case, stable: dashboards depend on it).</summary>
    public static string ToLabel(this DropReason reason) => s_labels[(int)reason];
}
