namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// How the daemon's console log lays out a line (docs/operations.md, "Logs" and "Audit"), so the audit writer can write
/// the audit event's line itself, byte for byte as the log formatter would, without a log event per request.
/// </summary>
internal enum AuditLineLayout
{
    /// <summary><c>14:02:11.250 INF RadiusDisconnectProxy.Audit: message</c>.</summary>
    Text,

    /// <summary><c>&lt;6&gt;RadiusDisconnectProxy.Audit: message</c> (journald keeps the time; sd-daemon(3) priority prefix).</summary>
    Journald,

    /// <summary><c>log { format = json }</c>: <c>@t</c>, <c>@l</c>, <c>@m</c>, then every field.</summary>
    Json,
}

/// <summary>Registered by <c>serve</c>: audit lines go to standard output pre-rendered in this layout.</summary>
internal sealed record AuditConsoleOutput(AuditLineLayout Layout);
