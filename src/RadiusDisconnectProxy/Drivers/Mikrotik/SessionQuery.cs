using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// Turns the request's session keys into <c>print</c> queries. Every given key that a table carries must match
/// (consecutive query words are an AND). A table that carries none of the given keys is not searched (hotspot rows have
/// no session id, so an Acct-Session-Id alone searches only PPP), nor one that cannot match a given key (a
/// Calling-Station-Id that is not a MAC, e.g. an L2TP caller's IP, cannot match a hotspot row).
/// </summary>
public sealed class SessionQuery
{
    private readonly List<(string Name, string Value)> _hotspot = [];
    private readonly List<(string Name, string Value)> _ppp = [];
    private bool _hotspotImpossible;

    private SessionQuery()
    {
    }

    /// <summary>False when the keys name nothing either table carries (NAK 402).</summary>
    public bool IsUsable => SearchesHotspot || SearchesPpp;

    public bool SearchesHotspot => !_hotspotImpossible && _hotspot.Count > 0;

    public bool SearchesPpp => _ppp.Count > 0;

    public static SessionQuery From(SessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var query = new SessionQuery();
        if (keys.AcctSessionId is { Length: > 0 } sessionId)
        {
            query._ppp.Add(("session-id", sessionId));
        }

        if (keys.UserName is { Length: > 0 } user)
        {
            query._hotspot.Add(("user", user));
            query._ppp.Add(("name", user));
        }

        if (keys.CallingStationId is { Length: > 0 } calling)
        {
            // RouterOS prints MACs upper case with colons; PPTP/L2TP caller-ids are IP addresses and stay as given.
            if (MacAddress.TryParse(calling, out MacAddress parsed))
            {
                string mac = parsed.Format(MacAddressNotation.Colons);
                query._hotspot.Add(("mac-address", mac));
                query._ppp.Add(("caller-id", mac));
            }
            else
            {
                query._hotspotImpossible = true;
                query._ppp.Add(("caller-id", calling));
            }
        }

        if (keys.FramedIpAddress is { } address && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            query._hotspot.Add(("address", address.ToString()));
            query._ppp.Add(("address", address.ToString()));
        }

        return query;
    }

    public Command? HotspotPrint() => SearchesHotspot ? Build("/ip/hotspot/active/print", _hotspot) : null;

    public Command? PppPrint() => SearchesPpp ? Build("/ppp/active/print", _ppp) : null;

    private static Command Build(string path, List<(string Name, string Value)> conditions)
    {
        var command = new Command(path).Proplist(ActiveSession.Proplist);
        foreach ((string name, string value) in conditions)
        {
            command.WhereEquals(name, value);
        }

        return command;
    }
}
