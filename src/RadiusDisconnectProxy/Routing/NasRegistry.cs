using System.Collections.Frozen;
using System.Net;

namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// The NASes of the config file, matched on NAS-Identifier, NAS-IP-Address and NAS-IPv6-Address (RFC 5176 §3:
/// the NAS identification attributes), in that order; IPv4-mapped IPv6 addresses match their IPv4 form. The one
/// lookup table of configured NASes (the RADIUSdesk resolver asks it too). Read-only and thread-safe; a SIGHUP reload
/// swaps the whole table at once (<see cref="Replace"/>), so a request routed before it keeps its NAS.
/// </summary>
public sealed class NasRegistry
{
    private volatile Table _table;

    public NasRegistry(IReadOnlyList<NasTarget> nases)
    {
        _table = Build(nases);
    }

    public IReadOnlyList<NasTarget> Nases => _table.Nases;

    /// <summary>Installs a new NAS list (SIGHUP).</summary>
    public void Replace(IReadOnlyList<NasTarget> nases) => _table = Build(nases);

    private static Table Build(IReadOnlyList<NasTarget> nases)
    {
        var byIdentifier = new Dictionary<string, NasTarget>(StringComparer.Ordinal);
        var byAddress = new Dictionary<IPAddress, NasTarget>();
        foreach (NasTarget nas in nases)
        {
            // First entry wins, as in the file (the config validator reports duplicates).
            if (nas.NasIdentifier is { Length: > 0 } identifier)
            {
                byIdentifier.TryAdd(identifier, nas);
            }

            foreach (IPAddress address in nas.Addresses)
            {
                byAddress.TryAdd(Normalize(address), nas);
            }
        }

        return new Table(nases, byIdentifier.ToFrozenDictionary(StringComparer.Ordinal), byAddress.ToFrozenDictionary());
    }

    public bool TryFind(string? nasIdentifier, IPAddress? nasIpAddress, IPAddress? nasIpv6Address, out NasTarget nas)
    {
        Table table = _table;
        if (nasIdentifier is not null && table.ByIdentifier.TryGetValue(nasIdentifier, out nas!))
        {
            return true;
        }

        if (nasIpAddress is not null && table.ByAddress.TryGetValue(Normalize(nasIpAddress), out nas!))
        {
            return true;
        }

        if (nasIpv6Address is not null && table.ByAddress.TryGetValue(Normalize(nasIpv6Address), out nas!))
        {
            return true;
        }

        nas = null!;
        return false;
    }

    private sealed record Table(IReadOnlyList<NasTarget> Nases, FrozenDictionary<string, NasTarget> ByIdentifier, FrozenDictionary<IPAddress, NasTarget> ByAddress);

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
