namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>Where a RouterOS subscriber session lives, with its REST path.</summary>
public enum RestSessionTable
{
    /// <summary><c>/ip/hotspot/active</c>.</summary>
    Hotspot,

    /// <summary><c>/ppp/active</c>.</summary>
    Ppp,

    /// <summary><c>/ip/dhcp-server/lease</c>: an Ethernet (IPoE) subscriber, as RADIUSdesk's REST Kicker handles them.</summary>
    DhcpLease,
}
