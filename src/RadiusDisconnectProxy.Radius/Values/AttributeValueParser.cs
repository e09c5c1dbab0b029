using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Values;

/// <summary>
/// The reverse of <see cref="AttributeValueFormatter"/>: radclient text into wire octets for a dictionary type.
/// Integer types accept VALUE names; octets accept 0x-hex.
/// </summary>
public static class AttributeValueParser
{
    /// <summary>Encodes <paramref name="text"/>; false when it is not a valid value of the type or does not fit.</summary>
    public static bool TryEncode(RadiusDataType type, DictionaryAttribute? attribute, string text, Span<byte> destination, out int written)
    {
        written = 0;
        switch (type)
        {
            case RadiusDataType.String:
                return Encoding.UTF8.GetByteCount(text) <= destination.Length
                    && (written = Encoding.UTF8.GetBytes(text, destination)) >= 0;
            case RadiusDataType.IPAddr:
                return TryAddress(text, AddressFamily.InterNetwork, destination, out written);
            case RadiusDataType.IPv6Addr:
                return TryAddress(text, AddressFamily.InterNetworkV6, destination, out written);
            case RadiusDataType.ComboIp:
                return TryAddress(text, AddressFamily.InterNetwork, destination, out written)
                    || TryAddress(text, AddressFamily.InterNetworkV6, destination, out written);
            case RadiusDataType.IPv4Prefix:
                return TryPrefix(text, AddressFamily.InterNetwork, destination, out written);
            case RadiusDataType.IPv6Prefix:
                return TryPrefix(text, AddressFamily.InterNetworkV6, destination, out written);
            case RadiusDataType.Integer:
                return TryNumber(text, attribute, uint.MaxValue, out ulong u32) && Write(destination, 4, d => BinaryPrimitives.WriteUInt32BigEndian(d, (uint)u32), out written);
            case RadiusDataType.Date:
                return TryNumber(text, null, uint.MaxValue, out ulong date) && Write(destination, 4, d => BinaryPrimitives.WriteUInt32BigEndian(d, (uint)date), out written);
            case RadiusDataType.Byte:
                return TryNumber(text, attribute, byte.MaxValue, out ulong u8) && Write(destination, 1, d => d[0] = (byte)u8, out written);
            case RadiusDataType.Short:
                return TryNumber(text, attribute, ushort.MaxValue, out ulong u16) && Write(destination, 2, d => BinaryPrimitives.WriteUInt16BigEndian(d, (ushort)u16), out written);
            case RadiusDataType.Integer64:
                return TryNumber(text, attribute, ulong.MaxValue, out ulong u64) && Write(destination, 8, d => BinaryPrimitives.WriteUInt64BigEndian(d, u64), out written);
            case RadiusDataType.Signed:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int s32)
                    && Write(destination, 4, d => BinaryPrimitives.WriteInt32BigEndian(d, s32), out written);
            case RadiusDataType.Ether:
                return destination.Length >= 6 && MacAddressText.TryParse(text, destination) && (written = 6) > 0;
            case RadiusDataType.Ifid:
                return TryHex(text.Replace(":", string.Empty, StringComparison.Ordinal), destination, out written) && written == 8;
            case RadiusDataType.Bool:
                return text switch
                {
                    "yes" or "1" or "true" => Write(destination, 1, d => d[0] = 1, out written),
                    "no" or "0" or "false" => Write(destination, 1, d => d[0] = 0, out written),
                    _ => false,
                };
            default:
                return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && TryHex(text[2..], destination, out written);
        }
    }

    private static bool TryNumber(string text, DictionaryAttribute? attribute, ulong max, out ulong value)
    {
        if (attribute is not null && attribute.TryGetValue(text, out value))
        {
            return value <= max;
        }

        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value <= max;
    }

    private static bool Write(Span<byte> destination, int length, SpanWriter write, out int written)
    {
        written = 0;
        if (destination.Length < length)
        {
            return false;
        }

        write(destination[..length]);
        written = length;
        return true;
    }

    private static bool TryAddress(string text, AddressFamily family, Span<byte> destination, out int written)
    {
        written = 0;
        return IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == family
            && address.TryWriteBytes(destination, out written);
    }

    // RFC 3162 §2.3 / RFC 8044 §3.11: reserved 0, prefix length, prefix octets (IPv6: only those the length needs).
    private static bool TryPrefix(string text, AddressFamily family, Span<byte> destination, out int written)
    {
        written = 0;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        int maxBits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int bits) || bits > maxBits
            || !IPAddress.TryParse(text.AsSpan(0, slash), out IPAddress? address) || address.AddressFamily != family)
        {
            return false;
        }

        byte[] octets = address.GetAddressBytes();
        int keep = family == AddressFamily.InterNetwork ? 4 : (bits + 7) / 8;
        if (destination.Length < 2 + keep)
        {
            return false;
        }

        destination[0] = 0;
        destination[1] = (byte)bits;
        octets.AsSpan(0, keep).CopyTo(destination[2..]);
        written = 2 + keep;
        return true;
    }

    private static bool TryHex(string hex, Span<byte> destination, out int written)
    {
        written = 0;
        return hex.Length % 2 == 0 && hex.Length / 2 <= destination.Length
            && Convert.FromHexString(hex, destination, out _, out written) == System.Buffers.OperationStatus.Done;
    }

    private delegate void SpanWriter(Span<byte> destination);
}
