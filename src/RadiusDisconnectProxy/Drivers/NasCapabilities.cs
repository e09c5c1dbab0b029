namespace RadiusDisconnectProxy.Drivers;

/// <summary>What a NAS type can do; the executor, the CLI and the console ask this instead of naming a type.</summary>
[Flags]
public enum NasCapabilities
{
    None = 0,

    /// <summary>Disconnect-Request (RFC 5176 §3.1).</summary>
    Disconnect = 1,

    /// <summary>CoA-Request (RFC 5176 §3.2).</summary>
    Coa = 2,

    /// <summary>CoA-Request with Service-Type Authorize-Only (RFC 5176 §3.2): only a NAS that speaks RADIUS can ask back.</summary>
    AuthorizeOnly = 4,

    /// <summary><c>sessions list|kick NAME</c> and the console's session page (<see cref="INasAdmin"/>).</summary>
    SessionListing = 8,

    /// <summary><c>nas test NAME</c> and the console's test button (<see cref="INasAdmin"/>).</summary>
    ConnectionTest = 16,
}
