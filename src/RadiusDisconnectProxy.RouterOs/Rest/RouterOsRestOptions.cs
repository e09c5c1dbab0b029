namespace RadiusDisconnectProxy.RouterOs.Rest;

/// <summary>How to reach one router's REST service (RouterOS v7 <c>www-ssl</c>, or <c>www</c> from 7.9 on).</summary>
public sealed record RouterOsRestOptions
{
    public required string Host { get; init; }

    /// <summary>443 (<c>www-ssl</c>) or 80 (<c>www</c>), or whatever the service is moved to.</summary>
    public int Port { get; init; } = 443;

    /// <summary>HTTPS (the default). Plain HTTP sends the password readable to anyone on the path.</summary>
    public bool UseTls { get; init; } = true;

    /// <summary>
    /// Pinned certificate: SHA-256 of its DER form, 64 hex digits, colons optional, any case. When set, exactly that
    /// certificate is accepted whatever its chain or name (a router's self-signed certificate); when null, the system
    /// CA store and the host name decide.
    /// </summary>
    public string? CertificateFingerprint { get; init; }

    /// <summary>False: accept any certificate (what RADIUSdesk itself does); the caller warns about it.</summary>
    public bool VerifyCertificate { get; init; } = true;

    public required string Username { get; init; }

    /// <summary>Never logged, never in an exception message.</summary>
    public required string Password { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Deadline of one request (sent to body read); the caller's token may end it sooner.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep-alive connections per router; requests beyond wait for a free one (HTTP/1.1 has no multiplexing).</summary>
    public int MaxConnections { get; init; } = 4;

    /// <summary>An idle connection is closed after this long (RouterOS keeps a login per connection).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string Scheme => UseTls ? "https" : "http";

    public override string ToString() => $"{Scheme}://{Host}:{Port} as {Username}";
}
