namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>The RouterOS menus that hold active subscriber sessions (docs/mikrotik.md §3).</summary>
public enum SessionTable
{
    /// <summary><c>/ip/hotspot/active</c>: user, mac-address, address (no session id).</summary>
    Hotspot,
    /// <summary><c>/ppp/active</c>: name, caller-id, address, session-id, service.</summary>
    Ppp,
}
