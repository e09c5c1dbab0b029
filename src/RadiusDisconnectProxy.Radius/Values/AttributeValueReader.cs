using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace RadiusDisconnectProxy.Radius.Values;

/// <summary>
/// Typed reads of attribute values in their wire form (RFC 8044 data types). Every method checks the length and
/// returns false for a value that does not fit its type, so a malformed attribute never throws.
/// </summary>
public static class AttributeValueReader
{
    /// <summary>integer / date / enum: 4 octets, big-endian.</summary>
    public static bool TryReadUInt32(ReadOnlySpan<byte> value, out uint result)
    {
        result = value.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(value) : 0;
        return value.Length == 4;
    }

    /// <summary>integer64: 8 octets, big-endian.</summary>
    public static bool TryReadUInt64(ReadOnlySpan<byte> value, out ulong result)
    {
        result = value.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(value) : 0;
        return value.Length == 8;
    }

    /// <summary>short: 2 octets, big-endian.</summary>
    public static bool TryReadUInt16(ReadOnlySpan<byte> value, out ushort result)
    {
        result = value.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(value) : (ushort)0;
        return value.Length == 2;
    }

    /// <summary>signed: 4 octets, big-endian two's complement.</summary>
    public static bool TryReadInt32(ReadOnlySpan<byte> value, out int result)
    {
        result = value.Length == 4 ? BinaryPrimitives.ReadInt32BigEndian(value) : 0;
        return value.Length == 4;
    }

    /// <summary>ipaddr (4 octets), ipv6addr (16) or combo-ip (either).</summary>
    public static bool TryReadIPAddress(ReadOnlySpan<byte> value, out IPAddress? address)
    {
        address = value.Length is 4 or 16 ? new IPAddress(value) : null;
        return address is not null;
    }

    /// <summary>ipv6prefix (RFC 3162 §2.3) or ipv4prefix (RFC 8044 §3.11): reserved octet, length, prefix octets.</summary>
    public static bool TryReadPrefix(ReadOnlySpan<byte> value, bool ipv6, out IPAddress? prefix, out int prefixLength)
    {
        prefix = null;
        prefixLength = 0;
        int maxOctets = ipv6 ? 16 : 4;
        if (value.Length < 2 || value.Length > 2 + maxOctets || value[1] > maxOctets * 8 || (!ipv6 && value.Length != 6))
        {
            return false;
        }

        Span<byte> address = stackalloc byte[maxOctets];
        address.Clear();
        value[2..].CopyTo(address);
        prefix = new IPAddress(address);
        prefixLength = value[1];
        return true;
    }

    /// <summary>string (text): UTF-8; invalid sequences become U+FFFD.</summary>
    public static string ReadString(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    /// <summary>date / Event-Timestamp: seconds since 1970-01-01 UTC.</summary>
    public static bool TryReadDate(ReadOnlySpan<byte> value, out DateTimeOffset time)
    {
        bool ok = TryReadUInt32(value, out uint seconds);
        time = ok ? DateTimeOffset.FromUnixTimeSeconds(seconds) : default;
        return ok;
    }
}
