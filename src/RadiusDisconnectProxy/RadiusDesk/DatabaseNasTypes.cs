using System.Collections.Frozen;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// How RADIUSdesk NAS types (<c>dynamic_clients.type</c>, <c>nas.type</c>; radiusdesk.md §1.2) map to the proxy's drivers.
/// Types whose NAS has its own RFC 5176 server are forwarded; types the proxy cannot act on (<c>AccelRadiusdesk</c>,
/// <c>private_psk</c>, <c>Mikrotik-Rest-API</c>) resolve to no NAS (NAK 502 for their sessions).
/// </summary>
internal static class DatabaseNasTypes
{
    public const string CoovaMeshdesk = "CoovaMeshdesk";
    public const string MikrotikApi = "Mikrotik-API";
    public const string Forwarding = "other";

    /// <summary>The RFC 5176 secret RADIUSdesk uses for dynamic clients, which have no secret column (FreeRADIUS dynamic-clients).</summary>
    public const string DynamicClientSecret = "testing123";

    public const int DefaultCoaPort = 3799;

    /// <summary>
    /// Forwarded as real Disconnect/CoA-Requests to <c>nasipaddress:coa_port</c>: <c>other</c> (and an empty type, the
    /// column default), plus the types RADIUSdesk itself sends radclient Disconnect-Requests to: <c>Juniper</c>,
    /// <c>Mikrotik-COA</c>, <c>Cisco-COA</c>.
    /// </summary>
    public static FrozenSet<string> ForwardingTypes { get; } =
        new[] { "other", "", "Juniper", "Mikrotik-COA", "Cisco-COA" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
