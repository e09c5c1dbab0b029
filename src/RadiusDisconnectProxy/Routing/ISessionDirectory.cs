namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// Finds the active sessions a request names, each with its NAS resolved (RADIUSdesk database, docs/radiusdesk.md).
/// Registered only when a <c>radiusdesk</c> section is configured. Implementations never throw for an unreachable
/// or slow database: they return <see cref="SessionLookupStatus.Unavailable"/> (the pipeline answers NAK 506).
/// </summary>
public interface ISessionDirectory
{
    /// <summary>Active <c>radacct</c> rows matching every identifying key the request carries.</summary>
    ValueTask<SessionLookupResult> FindSessionsAsync(SessionKeys keys, CancellationToken cancellationToken);
}

public enum SessionLookupStatus
{
    Ok,
    Unavailable,
}

/// <param name="Nas">The session's NAS (a config-file entry wins over a database row); null when it cannot be determined (NAK 502).</param>
/// <param name="Keys">The session's keys as stored in radacct (user, session id, MAC, framed IP, NAS id/IP).</param>
public sealed record ResolvedSession(NasTarget? Nas, SessionKeys Keys);

public sealed record SessionLookupResult(SessionLookupStatus Status, IReadOnlyList<ResolvedSession> Sessions)
{
    public static SessionLookupResult Unavailable { get; } = new(SessionLookupStatus.Unavailable, []);
}
