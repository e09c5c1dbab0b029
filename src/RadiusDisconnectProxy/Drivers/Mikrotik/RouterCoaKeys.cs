using System.Net;
using RadiusDisconnectProxy.Configuration.Validation;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// The keys both RouterOS types (API and REST) read alike: <c>secret</c>/<c>coa_port</c>, which send rate-change CoAs
/// to RouterOS's own RADIUS incoming service (docs/mikrotik.md), and <c>multiple_sessions</c>.
/// </summary>
internal static class RouterCoaKeys
{
    public const int DefaultCoaPort = 3799;

    /// <summary>The RFC 5176 endpoint and secret of RouterOS's incoming service; both null without <c>secret</c>.</summary>
    public static (IPEndPoint? Endpoint, string? Secret) Read(SectionReader section, IReadOnlyList<IPAddress> addresses, string apiHost)
    {
        string? secret = section.String("secret");
        if (secret is { Length: 0 })
        {
            throw section.Error("secret", "'secret' must not be empty");
        }

        if (secret is null)
        {
            return section.Has("coa_port")
                ? throw section.Error("coa_port", "'coa_port' needs 'secret' (the RADIUS secret of RouterOS's incoming service)")
                : (null, null);
        }

        IPAddress? coaAddress = addresses.Count > 0 ? addresses[0]
            : ConfigValues.TryParseAddress(apiHost, out IPAddress a) ? a : null;
        return coaAddress is null
            ? throw section.Error("secret", "forwarding CoAs to RouterOS ('secret') needs 'ipaddr' or an address in 'api_host'")
            : (new IPEndPoint(coaAddress, section.Int("coa_port", DefaultCoaPort, 1, 65535)), secret);
    }

    public static MultipleSessionsPolicy ReadMultipleSessions(SectionReader section) =>
        section.Choice("multiple_sessions", MultipleSessionsPolicy.Allow,
            ("allow", MultipleSessionsPolicy.Allow), ("reject", MultipleSessionsPolicy.Reject));
}
