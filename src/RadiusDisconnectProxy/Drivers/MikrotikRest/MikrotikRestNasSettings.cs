using System.Net;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary><c>type = Mikrotik-Rest-API</c>: RouterOS v7 REST over HTTPS (<c>www-ssl</c>) or, from 7.9 on, HTTP (<c>www</c>).</summary>
public sealed record MikrotikRestNasSettings : NasSettings
{
    public required string ApiHost { get; init; }
    public int ApiPort { get; init; } = 443;
    public bool ApiTls { get; init; } = true;
    /// <summary>Pinned SHA-256 certificate fingerprint (hex, colons optional); null: system CA store and host name.</summary>
    public string? ApiTlsFingerprint { get; init; }
    /// <summary><c>api_tls_verify = no</c>: any certificate is accepted (RADIUSdesk's own behaviour), with a warning.</summary>
    public bool ApiTlsVerify { get; init; } = true;
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
            .Append(", ApiTlsVerify = ").Append(ApiTlsVerify).Append(", ApiUsername = ").Append(ApiUsername)
            .Append(", ApiPassword = ***, RemoveCookies = ").Append(RemoveCookies).Append(", MultipleSessions = ").Append(MultipleSessions)
            .Append(", CoaEndpoint = ").Append(CoaEndpoint).Append(", Secret = ").Append(Secret is null ? "" : "***");
        return true;
    }
}
