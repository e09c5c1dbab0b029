using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// Turns the request's session keys into per-table equality filters, the same for the binary API (<c>?name=value</c>
/// query words, consecutive words AND-ed) and REST (query-string keys, AND-ed). Every given key that a table carries must
/// match. A table that carries none of the given keys is not searched (hotspot rows have no session id, so an
/// Acct-Session-Id alone searches only PPP), nor one that cannot match a given key (a Calling-Station-Id that is not a
/// MAC, e.g. an L2TP caller's IP, cannot match a hotspot row). DHCP leases carry only a MAC and an address
/// (docs/mikrotik-rest.md).
/// </summary>
public sealed class RouterSessionQuery
{
    private readonly List<KeyValuePair<string, string>> _hotspot = [];
    private readonly List<KeyValuePair<string, string>> _ppp = [];
    private readonly List<KeyValuePair<string, string>> _lease = [];
    private bool _hotspotImpossible;

    private RouterSessionQuery()
    {
    }

    /// <summary>False when the keys name nothing any table carries (NAK 402).</summary>
    public bool IsUsable => Filters(RouterSessionTable.Hotspot) is not null || Filters(RouterSessionTable.Ppp) is not null
        || Filters(RouterSessionTable.DhcpLease) is not null;

    public static RouterSessionQuery From(SessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var query = new RouterSessionQuery();
        if (keys.AcctSessionId is { Length: > 0 } sessionId)
        {
            query._ppp.Add(new("session-id", sessionId));
        }

        string? mac = null;
        if (keys.UserName is { Length: > 0 } user)
        {
            query._hotspot.Add(new("user", user));
            query._ppp.Add(new("name", user));
            // RouterOS's DHCP server authenticates a lease with the client MAC as User-Name.
            mac = MacAddress.TryParse(user, out MacAddress userMac) ? userMac.Format(MacAddressNotation.Colons) : null;
        }

        if (keys.CallingStationId is { Length: > 0 } calling)
        {
            // RouterOS prints MACs upper case with colons, whatever notation the DAC used; PPTP/L2TP caller-ids are
            // IP addresses and stay as given.
            if (MacAddress.TryParse(calling, out MacAddress parsed))
            {
                string callingMac = parsed.Format(MacAddressNotation.Colons);
                mac = callingMac;
                query._hotspot.Add(new("mac-address", callingMac));
                query._ppp.Add(new("caller-id", callingMac));
            }
            else
            {
                query._hotspotImpossible = true;
                query._ppp.Add(new("caller-id", calling));
            }
        }

        if (mac is not null)
        {
            query._lease.Add(new("mac-address", mac));
        }

        if (keys.FramedIpAddress is { AddressFamily: AddressFamily.InterNetwork } address)
        {
            string text = address.ToString();
            query._hotspot.Add(new("address", text));
            query._ppp.Add(new("address", text));
            query._lease.Add(new("address", text));
        }

        return query;
    }

    /// <summary>The filters for one table, in key order, or null when that table is not searched.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Filters(RouterSessionTable table) => table switch
    {
        RouterSessionTable.Hotspot => !_hotspotImpossible && _hotspot.Count > 0 ? _hotspot : null,
        RouterSessionTable.Ppp => _ppp.Count > 0 ? _ppp : null,
        _ => _lease.Count > 0 ? _lease : null,
    };
}
