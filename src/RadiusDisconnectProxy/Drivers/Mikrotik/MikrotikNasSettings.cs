using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

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
