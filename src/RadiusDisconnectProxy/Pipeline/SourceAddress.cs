using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// A datagram's source as a value: the address as 128 bits (IPv4 as an IPv4-mapped IPv6 address, so a dual-mode
/// socket and an IPv4 socket give the same key) and the port. Read straight out of a <see cref="SocketAddress"/>
/// without allocating, so client lookup and duplicate detection cost nothing on the heap.
/// </summary>
internal readonly record struct SourceAddress(UInt128 Address, ushort Port)
{
    private static readonly UInt128 s_ipv4MappedPrefix = new(0, 0xFFFF_0000_0000UL);

    public bool IsIPv4Mapped => (Address >> 32) == (s_ipv4MappedPrefix >> 32);

    /// <summary>Reads a sockaddr_in / sockaddr_in6 (port at octet 2, IPv4 at 4, IPv6 at 8 on every platform).</summary>
    public static bool TryRead(SocketAddress socketAddress, out SourceAddress source)
    {
        ReadOnlySpan<byte> raw = socketAddress.Buffer.Span;
        switch (socketAddress.Family)
        {
            case AddressFamily.InterNetwork when socketAddress.Size >= 8:
                source = new(s_ipv4MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(raw[4..]), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));
                return true;
            case AddressFamily.InterNetworkV6 when socketAddress.Size >= 24:
                source = new(BinaryPrimitives.ReadUInt128BigEndian(raw[8..]), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));
                return true;
            default:
                source = default;
                return false;
        }
    }

    public static UInt128 ToUInt128(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv6();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The address as an <see cref="IPAddress"/> (allocates: for logs, audit and drivers only).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Address);
        var address = new IPAddress(bytes);
        return IsIPv4Mapped ? address.MapToIPv4() : address;
    }

    public IPEndPoint ToEndPoint() => new(ToIPAddress(), Port);

    public override string ToString() => ToEndPoint().ToString();
}
