namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>The RouterOS menus that hold subscriber sessions (docs/mikrotik.md §3, docs/mikrotik-rest.md).</summary>
public enum RouterSessionTable
{
    /// <summary><c>/ip/hotspot/active</c>: user, mac-address, address (no session id).</summary>
    Hotspot,

    /// <summary><c>/ppp/active</c>: name, caller-id, address, session-id, service.</summary>
    Ppp,

    /// <summary><c>/ip/dhcp-server/lease</c>: an Ethernet (IPoE) subscriber, as RADIUSdesk's REST Kicker handles them (REST type only).</summary>
    DhcpLease,
}
