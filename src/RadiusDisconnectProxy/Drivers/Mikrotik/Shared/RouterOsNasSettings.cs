using System.Net;
using System.Text;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>What both RouterOS types (<c>Mikrotik-API</c>, <c>Mikrotik-Rest-API</c>) know about a router.</summary>
public abstract record RouterOsNasSettings : NasSettings
{
    public required string ApiHost { get; init; }
    public abstract int ApiPort { get; init; }
    public abstract bool ApiTls { get; init; }
    /// <summary>Pinned certificate fingerprint (hex, colons optional); null: the type's default check.</summary>
    public string? ApiTlsFingerprint { get; init; }
    public required string ApiUsername { get; init; }
    public required string ApiPassword { get; init; }
    public bool RemoveCookies { get; init; } = true;
    public MultipleSessionsPolicy MultipleSessions { get; init; } = MultipleSessionsPolicy.Allow;
    /// <summary>When both are set, rate-change CoAs are forwarded to RouterOS's own RADIUS incoming service.</summary>
    public IPEndPoint? CoaEndpoint { get; init; }
    public string? Secret { get; init; }

    /// <summary>Records print every property; the API password and the secret must never reach a log line.</summary>
    protected void PrintSettings(StringBuilder builder, bool? tlsVerify)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("ApiHost = ").Append(ApiHost).Append(", ApiPort = ").Append(ApiPort).Append(", ApiTls = ").Append(ApiTls);
        if (tlsVerify is { } verify)
        {
            builder.Append(", ApiTlsVerify = ").Append(verify);
        }

        builder.Append(", ApiUsername = ").Append(ApiUsername).Append(", ApiPassword = ***, RemoveCookies = ").Append(RemoveCookies)
            .Append(", MultipleSessions = ").Append(MultipleSessions).Append(", CoaEndpoint = ").Append(CoaEndpoint)
            .Append(", Secret = ").Append(Secret is null ? "" : "***");
    }
}
