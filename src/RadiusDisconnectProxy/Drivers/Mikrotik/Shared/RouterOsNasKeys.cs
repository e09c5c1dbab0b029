using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.Configuration.Validation;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>The keys both RouterOS types read alike, from a <c>nas</c> block or from RADIUSdesk's <c>mt_*</c> settings rows.</summary>
internal static class RouterOsNasKeys
{
    /// <summary>What a <c>nas</c> block says beyond host and TLS, read in the order both types always read it.</summary>
    public readonly record struct Common(int Port, string Username, string Password, bool RemoveCookies, MultipleSessionsPolicy MultipleSessions,
        IPEndPoint? CoaEndpoint, string? Secret);

    /// <summary>What RADIUSdesk's <c>mt_*</c> rows say (docs/radiusdesk.md).</summary>
    public readonly record struct Row(string Host, string Username, string Password, bool Tls, int? Port, IPEndPoint? CoaEndpoint, string? Secret);

    /// <summary><c>api_host</c>, by default the first <c>ipaddr</c>.</summary>
    public static string ApiHost(NasSection nas)
    {
        ArgumentNullException.ThrowIfNull(nas);
        return nas.Reader.String("api_host") is { Length: > 0 } host
            ? host
            : nas.Addresses.Count > 0
                ? nas.Addresses[0].ToString()
                : throw nas.Reader.BlockError($"{nas.Describe()} needs 'api_host' or 'ipaddr'");
    }

    public static Common ReadCommon(NasSection nas, string apiHost, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(nas);
        SectionReader section = nas.Reader;
        (IPEndPoint? coaEndpoint, string? secret) = RouterCoaKeys.Read(section, nas.Addresses, apiHost);
        return new Common(
            section.Int("api_port", defaultPort, 1, 65535),
            section.RequiredString("api_username"),
            // An empty password is what a fresh RouterOS has: allowed, but the key must be absent or given.
            section.String("api_password") ?? "",
            section.Bool("remove_cookies", true),
            RouterCoaKeys.ReadMultipleSessions(section),
            coaEndpoint,
            secret);
    }

    /// <summary>The settings with what <see cref="ReadCommon"/> read: port, cookies, multiple sessions, CoA endpoint.</summary>
    public static T With<T>(T settings, Common common)
        where T : RouterOsNasSettings
        => (T)((RouterOsNasSettings)settings with
        {
            ApiPort = common.Port,
            RemoveCookies = common.RemoveCookies,
            MultipleSessions = common.MultipleSessions,
            CoaEndpoint = common.CoaEndpoint,
            Secret = common.Secret,
        });

    /// <summary>The settings with the row's CoA endpoint and secret.</summary>
    public static T With<T>(T settings, Row row)
        where T : RouterOsNasSettings
        => (T)((RouterOsNasSettings)settings with { CoaEndpoint = row.CoaEndpoint, Secret = row.Secret });

    /// <summary>
    /// The <c>mt_*</c> rows: <c>mt_host</c> (default the session's nasipaddress), <c>mt_user</c>, <c>mt_pass</c>,
    /// <c>mt_proto = https</c> for TLS, <c>mt_port</c> when a valid port; a <c>nas</c> row with a secret also yields its
    /// RFC 5176 endpoint (nasipaddress:coa_port) for rate changes. Null, with the reason, when the row is unusable.
    /// </summary>
    public static Row? FromDatabase(DatabaseNas row, IPAddress? nasIp, string typeName, out string? unusable)
    {
        ArgumentNullException.ThrowIfNull(row);
        string? user = row.Setting("mt_user");
        string? host = row.Setting("mt_host") ?? nasIp?.ToString();
        if (user is null || host is null)
        {
            unusable = $"{row.Source} is {typeName} but has no {(user is null ? "mt_user" : "mt_host")}";
            return null;
        }

        unusable = null;
        bool tls = string.Equals(row.Setting("mt_proto"), "https", StringComparison.OrdinalIgnoreCase);
        int? port = int.TryParse(row.Setting("mt_port"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536
            ? p
            : null;
        bool forwardsCoa = nasIp is not null && !string.IsNullOrEmpty(row.Secret);
        return new Row(host, user, row.Setting("mt_pass") ?? "", tls, port,
            forwardsCoa ? new IPEndPoint(nasIp!, row.CoaPortOr(RouterCoaKeys.DefaultCoaPort)) : null,
            forwardsCoa ? row.Secret : null);
    }
}
