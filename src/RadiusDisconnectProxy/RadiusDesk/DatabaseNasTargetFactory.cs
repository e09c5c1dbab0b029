using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>Turns a <see cref="DatabaseNas"/> into the <see cref="NasTarget"/> of the driver its type maps to.</summary>
internal static class DatabaseNasTargetFactory
{
    private const int ApiPort = 8728;
    private const int ApiSslPort = 8729;

    /// <summary>
    /// Mikrotik-API from the <c>mt_*</c> settings (radiusdesk.md §3.1): <c>mt_proto = https</c> means API-SSL, and the UI
    /// default port 8728 then becomes 8729, as RADIUSdesk's Kicker does. <c>mt_host</c> defaults to the session's
    /// nasipaddress. A <c>nas</c> row also yields its RFC 5176 endpoint (nasipaddress:coa_port, secret) for rate changes.
    /// </summary>
    public static NasTarget? Mikrotik(DatabaseNas nas, string nasIdentifier, IPAddress? nasIp, out string? problem)
    {
        string? user = Setting(nas, "mt_user");
        string? host = Setting(nas, "mt_host") ?? nasIp?.ToString();
        if (user is null || host is null)
        {
            problem = $"{nas.Source} is Mikrotik-API but has no {(user is null ? "mt_user" : "mt_host")}";
            return null;
        }

        bool tls = string.Equals(Setting(nas, "mt_proto"), "https", StringComparison.OrdinalIgnoreCase);
        int port = int.TryParse(Setting(nas, "mt_port"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536
            ? p
            : ApiPort;
        if (tls && port == ApiPort)
        {
            port = ApiSslPort;
        }

        bool forwardsCoa = nasIp is not null && !string.IsNullOrEmpty(nas.Secret);
        problem = null;
        return Target(nas, DatabaseNasTypes.MikrotikApi, nasIdentifier, nasIp, new MikrotikNasSettings
        {
            ApiHost = host,
            ApiPort = port,
            ApiTls = tls,
            ApiUsername = user,
            ApiPassword = Setting(nas, "mt_pass") ?? "",
            CoaEndpoint = forwardsCoa ? new IPEndPoint(nasIp!, CoaPort(nas)) : null,
            Secret = forwardsCoa ? nas.Secret : null,
        });
    }

    /// <summary>
    /// RFC 5176 forwarding to the address the NAS reported (radacct.nasipaddress, as RADIUSdesk does) on <c>nas.coa_port</c>
    /// (3799 when absent or 0) with <c>nas.secret</c>; dynamic clients have no secret and use RADIUSdesk's testing123.
    /// </summary>
    public static NasTarget? Forwarding(DatabaseNas nas, string nasIdentifier, IPAddress? nasIp, out string? problem)
    {
        if (nasIp is null)
        {
            problem = $"{nas.Source} forwards RFC 5176 but the session has no NAS-IP-Address";
            return null;
        }

        problem = null;
        return Target(nas, DatabaseNasTypes.Forwarding, nasIdentifier, nasIp, new ForwardingNasSettings
        {
            CoaEndpoint = new IPEndPoint(nasIp, CoaPort(nas)),
            Secret = string.IsNullOrEmpty(nas.Secret) ? DatabaseNasTypes.DynamicClientSecret : nas.Secret,
        });
    }

    public static NasTarget Coova(DatabaseNas nas, string nasIdentifier, IPAddress? nasIp, CoovaNasSettings settings) =>
        Target(nas, DatabaseNasTypes.CoovaMeshdesk, nasIdentifier, nasIp, settings);

    /// <summary>The AP id in <c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c> (radiusdesk.md §1.3), or null.</summary>
    public static long? ParseApId(string nasIdentifier)
    {
        if (!nasIdentifier.StartsWith("ap_", StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = nasIdentifier.AsSpan(3);
        int cp = rest.IndexOf("_cp_", StringComparison.Ordinal);
        ReadOnlySpan<char> id = cp >= 0 ? rest[..cp] : rest;
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long apId) && apId > 0 ? apId : null;
    }

    private static int CoaPort(DatabaseNas nas) => nas.CoaPort is > 0 and < 65536 ? nas.CoaPort.Value : DatabaseNasTypes.DefaultCoaPort;

    private static string? Setting(DatabaseNas nas, string name) =>
        nas.Settings.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static NasTarget Target(DatabaseNas nas, string type, string nasIdentifier, IPAddress? nasIp, NasSettings settings) => new()
    {
        Name = string.IsNullOrEmpty(nas.Name) ? nas.Source : nas.Name,
        Type = type,
        NasIdentifier = string.IsNullOrEmpty(nasIdentifier) ? null : nasIdentifier,
        Addresses = nasIp is null ? [] : [nasIp],
        Settings = settings,
        Source = nas.Source,
    };
}
