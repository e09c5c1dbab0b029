using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>type = Mikrotik-API</c>: RouterOS API at <c>api_host</c> (default: the first ipaddr).</summary>
internal static class MikrotikNasSection
{
    public static readonly string[] Keys =
    [
        "api_host", "api_port", "api_tls", "api_tls_fingerprint", "api_username", "api_password",
        "remove_cookies", "multiple_sessions", "coa_port", "secret",
    ];

    public static MikrotikNasSettings Read(SectionReader section, IReadOnlyList<IPAddress> addresses)
    {
        string apiHost = section.String("api_host") is { Length: > 0 } host
            ? host
            : addresses.Count > 0
                ? addresses[0].ToString()
                : throw section.BlockError($"{section.DisplayName} (type Mikrotik-API) needs 'api_host' or 'ipaddr'");

        bool tls = section.Bool("api_tls", false);
        string? fingerprint = section.String("api_tls_fingerprint");
        if (fingerprint is not null)
        {
            if (!tls)
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' needs 'api_tls = yes'");
            }

            string hex = fingerprint.Replace(":", "", StringComparison.Ordinal);
            if (hex.Length is not (40 or 64) || !hex.All(char.IsAsciiHexDigit))
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' must be a SHA-256 (or SHA-1) certificate fingerprint in hex, colons optional");
            }
        }

        IPEndPoint? coaEndpoint = null;
        string? secret = section.String("secret");
        if (secret is { Length: 0 })
        {
            throw section.Error("secret", "'secret' must not be empty");
        }

        if (secret is not null)
        {
            IPAddress? coaAddress = addresses.Count > 0 ? addresses[0]
                : ConfigValues.TryParseAddress(apiHost, out IPAddress a) ? a : null;
            coaEndpoint = coaAddress is null
                ? throw section.Error("secret", "forwarding CoAs to RouterOS ('secret') needs 'ipaddr' or an address in 'api_host'")
                : new IPEndPoint(coaAddress, section.Int("coa_port", 3799, 1, 65535));
        }
        else if (section.Has("coa_port"))
        {
            throw section.Error("coa_port", "'coa_port' needs 'secret' (the RADIUS secret of RouterOS's incoming service)");
        }

        return new MikrotikNasSettings
        {
            ApiHost = apiHost,
            ApiPort = section.Int("api_port", tls ? 8729 : 8728, 1, 65535),
            ApiTls = tls,
            ApiTlsFingerprint = fingerprint,
            ApiUsername = section.RequiredString("api_username"),
            // An empty password is what a fresh RouterOS has: allowed, but the key must be absent or given.
            ApiPassword = section.String("api_password") ?? "",
            RemoveCookies = section.Bool("remove_cookies", true),
            MultipleSessions = section.Choice("multiple_sessions", MultipleSessionsPolicy.Allow,
                ("allow", MultipleSessionsPolicy.Allow), ("reject", MultipleSessionsPolicy.Reject)),
            CoaEndpoint = coaEndpoint,
            Secret = secret,
        };
    }
}
