using System.Collections.Frozen;
using System.Net;

namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// The NASes of the config file, matched on NAS-Identifier, NAS-IP-Address and NAS-IPv6-Address (RFC 5176 §3:
/// the NAS identification attributes), in that order; IPv4-mapped IPv6 addresses match their IPv4 form. The one
/// lookup table of configured NASes (the RADIUSdesk resolver asks it too). Built once; read-only and thread-safe.
/// </summary>
public sealed class NasRegistry
{
    private readonly FrozenDictionary<string, NasTarget> _byIdentifier;
    private readonly FrozenDictionary<IPAddress, NasTarget> _byAddress;

    public NasRegistry(IReadOnlyList<NasTarget> nases)
    {
        Nases = nases;
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

        _byIdentifier = byIdentifier.ToFrozenDictionary(StringComparer.Ordinal);
        _byAddress = byAddress.ToFrozenDictionary();
    }

    public IReadOnlyList<NasTarget> Nases { get; }

    public bool TryFind(string? nasIdentifier, IPAddress? nasIpAddress, IPAddress? nasIpv6Address, out NasTarget nas)
    {
        if (nasIdentifier is not null && _byIdentifier.TryGetValue(nasIdentifier, out nas!))
        {
            return true;
        }

        if (nasIpAddress is not null && _byAddress.TryGetValue(Normalize(nasIpAddress), out nas!))
        {
            return true;
        }

        if (nasIpv6Address is not null && _byAddress.TryGetValue(Normalize(nasIpv6Address), out nas!))
        {
            return true;
        }

        nas = null!;
        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
