namespace RadiusDisconnectProxy.RouterOs;

/// <summary>How to reach and log in to one router.</summary>
public sealed record RouterOsClientOptions
{
    public required string Host { get; init; }

    /// <summary>8728 (API) or 8729 (API-SSL).</summary>
    public int Port { get; init; } = 8728;

    public bool UseTls { get; init; }

    /// <summary>
    /// Pinned certificate fingerprint: SHA-256 (64 hex digits) or SHA-1 (40), colons optional. When set, a certificate
    /// with this fingerprint is accepted even if its chain or name do not validate (self-signed router certificates);
    /// when null, normal validation applies.
    /// </summary>
    public string? CertificateFingerprint { get; init; }

    public required string Username { get; init; }

    /// <summary>Never logged, never in an exception message.</summary>
    public required string Password { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Deadline of one command (send to <c>!done</c>); the caller's token may end it sooner.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many logged-in connections per router (1 or 2).</summary>
    public int MaxConnections { get; init; } = 2;

    /// <summary>
    /// After a failed connect, no new one is tried for this long (doubling per consecutive failure up to
    /// <see cref="ReconnectBackoffMax"/>); requests meanwhile fail at once instead of hammering a dead router.
    /// </summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The circuit-breaker window's ceiling. Attempts are made only when a request arrives, so a short ceiling costs a
    /// dead router at most one connect a second, and a router that is back is used by the first request a second
    /// after the last failure (docs/mikrotik.md "Router outages").
    /// </summary>
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    public override string ToString() => $"{Host}:{Port}{(UseTls ? " (TLS)" : "")} as {Username}";
}
