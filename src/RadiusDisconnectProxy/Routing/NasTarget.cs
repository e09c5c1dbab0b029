using System.Net;

namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// One NAS the proxy can act on, from a <c>nas NAME { … }</c> config entry or (later) from the RADIUSdesk database.
/// Matched on <see cref="NasIdentifier"/> or any of <see cref="Addresses"/> (NAS-IP-Address / NAS-IPv6-Address).
/// <see cref="Settings"/> holds what the driver of <see cref="Type"/> needs.
/// </summary>
public sealed record NasTarget
{
    public required string Name { get; init; }

    /// <summary>RADIUSdesk type name: <c>other</c>, <c>CoovaMeshdesk</c>, <c>Mikrotik-API</c>.</summary>
    public required string Type { get; init; }

    public string? NasIdentifier { get; init; }

    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    public required NasSettings Settings { get; init; }

    /// <summary>Where the entry came from, for logs: "radius.conf:42" or "radiusdesk:dynamic_clients#7".</summary>
    public string Source { get; init; } = "";
}

/// <summary>Per-type NAS settings; each driver casts to its own record.</summary>
public abstract record NasSettings;

/// <summary>RFC 5080 §2.2.1 retransmission timers for an RFC 5176 NAS.</summary>
public sealed record RetransmissionTimers(TimeSpan Irt, int Mrc, TimeSpan Mrt, TimeSpan Mrd)
{
    public static RetransmissionTimers Default { get; } = new(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30));
}

/// <summary><c>type = other</c>: forward as a real RFC 5176 request to the NAS's own DAS.</summary>
public sealed record ForwardingNasSettings : NasSettings
{
    public required IPEndPoint CoaEndpoint { get; init; }
    public required string Secret { get; init; }
    public bool StripProxyState { get; init; }
    public bool AcceptZeroedMessageAuthenticator { get; init; }
    public RetransmissionTimers Timers { get; init; } = RetransmissionTimers.Default;

    // Records print every property; the secret must never reach a log line.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("CoaEndpoint = ").Append(CoaEndpoint).Append(", Secret = ***, StripProxyState = ").Append(StripProxyState)
            .Append(", AcceptZeroedMessageAuthenticator = ").Append(AcceptZeroedMessageAuthenticator).Append(", Timers = ").Append(Timers);
        return true;
    }
}

public enum MultipleSessionsPolicy
{
    Allow,
    Reject,
}

/// <summary><c>type = Mikrotik-API</c>: RouterOS API (8728, API-SSL 8729).</summary>
public sealed record MikrotikNasSettings : NasSettings
{
    public required string ApiHost { get; init; }
    public int ApiPort { get; init; } = 8728;
    public bool ApiTls { get; init; }
    /// <summary>Optional pinned SHA-256 (or SHA-1) certificate fingerprint, hex with or without colons.</summary>
    public string? ApiTlsFingerprint { get; init; }
    public required string ApiUsername { get; init; }
    public required string ApiPassword { get; init; }
    public bool RemoveCookies { get; init; } = true;
    public MultipleSessionsPolicy MultipleSessions { get; init; } = MultipleSessionsPolicy.Allow;
    /// <summary>When both are set, rate-change CoAs are forwarded to RouterOS's own RADIUS incoming service.</summary>
    public IPEndPoint? CoaEndpoint { get; init; }
    public string? Secret { get; init; }

    // Records print every property; the API password and the secret must never reach a log line.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ApiHost = ").Append(ApiHost).Append(", ApiPort = ").Append(ApiPort).Append(", ApiTls = ").Append(ApiTls)
            .Append(", ApiUsername = ").Append(ApiUsername).Append(", ApiPassword = ***, RemoveCookies = ").Append(RemoveCookies)
            .Append(", MultipleSessions = ").Append(MultipleSessions).Append(", CoaEndpoint = ").Append(CoaEndpoint)
            .Append(", Secret = ").Append(Secret is null ? "" : "***");
        return true;
    }
}

/// <summary>A MESHdesk gateway node: <c>nodes.id</c>, <c>nodes.mac</c>, and the mesh's identifier (<c>meshes.ssid</c>).</summary>
public sealed record MeshNode(long NodeId, string Mac, string MeshId);

/// <summary>An APdesk access point: <c>aps.id</c>, <c>aps.mac</c>.</summary>
public sealed record AccessPoint(long ApId, string Mac);

/// <summary>
/// <c>type = CoovaMeshdesk</c>: CoovaChilli on MESHdesk (<c>mcp_&lt;exit&gt;</c>: every gateway node) or APdesk
/// (<c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c>: that AP), reached over MQTT. Exactly one of the two is set.
/// </summary>
public sealed record CoovaNasSettings : NasSettings
{
    public IReadOnlyList<MeshNode> Nodes { get; init; } = [];
    public AccessPoint? AccessPoint { get; init; }
}
