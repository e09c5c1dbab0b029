namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// What each generated request carries. Every request is distinct: the sequence number n feeds
/// Acct-Session-Id, and User-Name / Calling-Station-Id / NAS come from pools indexed by n.
/// </summary>
internal sealed record RequestTemplate
{
    /// <summary>Share of CoA-Requests (0..100); the rest are Disconnect-Requests.</summary>
    public int CoaPercent { get; init; }

    /// <summary>User-Name pattern: {0} is n modulo <see cref="Users"/>. Null leaves the attribute out.</summary>
    public string? UserName { get; init; } = "user{0:D6}";
    public int Users { get; init; } = 100_000;

    /// <summary>Acct-Session-Id: unique per request unless <see cref="AcctSessionId"/> is false.</summary>
    public bool AcctSessionId { get; init; } = true;

    /// <summary>NAS-Identifier pattern, {0} is n modulo <see cref="NasCount"/> (+ <see cref="NasStart"/>). Null leaves it out.</summary>
    public string? NasIdentifier { get; init; }
    public int NasCount { get; init; } = 1;
    public int NasStart { get; init; }

    /// <summary>Explicit NAS-Identifier pool used round robin (wins over <see cref="NasIdentifier"/>).</summary>
    public IReadOnlyList<string> NasIdentifiers { get; init; } = [];

    /// <summary>NAS-IP-Address values used round robin. Empty leaves it out.</summary>
    public IReadOnlyList<System.Net.IPAddress> NasIpAddresses { get; init; } = [];

    /// <summary>Calling-Station-Id from a pool of <see cref="Macs"/> MACs (02-00-…); 0 leaves it out.</summary>
    public int Macs { get; init; } = 100_000;

    public bool EventTimestamp { get; init; } = true;
    public bool MessageAuthenticator { get; init; } = true;

    /// <summary>CoA payload: WISPr-Bandwidth-Max-Up/Down in bit/s.</summary>
    public uint CoaBandwidthUp { get; init; } = 1_000_000;
    public uint CoaBandwidthDown { get; init; } = 4_000_000;

    /// <summary>Added to n so that separate runs (or a FreeRADIUS and a proxy row) never repeat a request.</summary>
    public long SequenceOffset { get; init; }
}
