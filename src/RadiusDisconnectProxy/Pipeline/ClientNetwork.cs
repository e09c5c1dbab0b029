using System.Net;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>An address prefix in the 128-bit space of <see cref="SourceAddress"/> (IPv4 prefixes are IPv4-mapped).</summary>
internal readonly record struct ClientNetwork(UInt128 Prefix, UInt128 Mask, int PrefixLength)
{
    public static ClientNetwork From(IPNetwork network)
    {
        int length = network.PrefixLength + (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 96 : 0);
        UInt128 mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        return new ClientNetwork(SourceAddress.ToUInt128(network.BaseAddress) & mask, mask, length);
    }

    public bool Contains(UInt128 address) => (address & Mask) == Prefix;
}
