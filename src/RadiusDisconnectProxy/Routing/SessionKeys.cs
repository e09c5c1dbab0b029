using System.Net;

namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// The NAS and session identification attributes of a request (RFC 5176 §3), as given by the DAC or, with the
/// RADIUSdesk database, as read from the matching <c>radacct</c> row. Strings are as received (not normalised).
/// </summary>
public sealed record SessionKeys
{
    public string? UserName { get; init; }
    public string? AcctSessionId { get; init; }
    public string? AcctMultiSessionId { get; init; }
    /// <summary>The subscriber's MAC (or line id) exactly as received; use <c>MacAddress</c> to normalise.</summary>
    public string? CallingStationId { get; init; }
    public string? CalledStationId { get; init; }
    public IPAddress? FramedIpAddress { get; init; }
    public uint? NasPort { get; init; }
    public string? NasPortId { get; init; }
    public string? ChargeableUserIdentity { get; init; }
    public string? NasIdentifier { get; init; }
    public IPAddress? NasIpAddress { get; init; }
    public IPAddress? NasIpv6Address { get; init; }

    /// <summary>
    /// Operator-Name (RFC 5580 §4.1) as radacct stores it (<c>operator_name</c>); set only on keys read from the RADIUSdesk
    /// database. Not session identification: it names where the session is (hostapd private PSK reports it).
    /// </summary>
    public string? OperatorName { get; init; }

    /// <summary>
    /// <c>radacct.radacctid</c> of the session this describes; set only on keys read from the RADIUSdesk database
    /// (used by verify = accounting). Never sent to a NAS and not session identification from the DAC.
    /// </summary>
    public long? RadAcctId { get; init; }

    /// <summary>True when at least one session-identifying attribute is present (else NAK 402).</summary>
    public bool HasSessionIdentification =>
        UserName is not null || AcctSessionId is not null || AcctMultiSessionId is not null || CallingStationId is not null
        || CalledStationId is not null || FramedIpAddress is not null || NasPort is not null || NasPortId is not null
        || ChargeableUserIdentity is not null;
}
