using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Unicode;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Values;

/// <summary>
/// The radclient text form of one attribute value (without quotes): strings as text, addresses dotted, integers by
/// their VALUE name when the dictionary has one, dates as seconds since 1970, octets as 0x-hex. A value whose length
/// does not fit its type is shown as 0x-hex, as FreeRADIUS does for malformed attributes.
/// </summary>
public static class AttributeValueFormatter
{
    public static string Format(DictionaryAttribute? attribute, ReadOnlySpan<byte> value) =>
        Format(attribute?.Type ?? RadiusDataType.Octets, attribute, value);

    public static string Format(RadiusDataType type, DictionaryAttribute? attribute, ReadOnlySpan<byte> value)
    {
        if (attribute is { Flags.FixedLength: > 0 } && value.Length != attribute.Flags.FixedLength)
        {
            return Hex(value);
        }

        return type switch
        {
            RadiusDataType.String => FormatString(value),
            RadiusDataType.IPAddr when value.Length == 4 => new IPAddress(value).ToString(),
            RadiusDataType.IPv6Addr when value.Length == 16 => new IPAddress(value).ToString(),
            RadiusDataType.ComboIp when value.Length is 4 or 16 => new IPAddress(value).ToString(),
            RadiusDataType.IPv6Prefix when TryFormatIPv6Prefix(value, out string prefix) => prefix,
            RadiusDataType.IPv4Prefix when value.Length == 6 && value[1] <= 32 =>
                $"{new IPAddress(value[2..])}/{value[1].ToString(CultureInfo.InvariantCulture)}",
            RadiusDataType.Integer when value.Length == 4 => Named(attribute, BinaryPrimitives.ReadUInt32BigEndian(value)),
            RadiusDataType.Byte when value.Length == 1 => Named(attribute, value[0]),
            RadiusDataType.Short when value.Length == 2 => Named(attribute, BinaryPrimitives.ReadUInt16BigEndian(value)),
            RadiusDataType.Signed when value.Length == 4 => BinaryPrimitives.ReadInt32BigEndian(value).ToString(CultureInfo.InvariantCulture),
            RadiusDataType.Integer64 when value.Length == 8 => Named(attribute, BinaryPrimitives.ReadUInt64BigEndian(value)),
            RadiusDataType.Date when value.Length == 4 => BinaryPrimitives.ReadUInt32BigEndian(value).ToString(CultureInfo.InvariantCulture),
            RadiusDataType.Ether when value.Length == 6 => GroupedHex(value, 1),
            RadiusDataType.Ifid when value.Length == 8 => GroupedHex(value, 2),
            RadiusDataType.Bool when value.Length == 1 => value[0] == 0 ? "no" : "yes",
            _ => Hex(value),
        };
    }

    /// <summary>0x followed by lower-case hex; "0x" for an empty value.</summary>
    public static string Hex(ReadOnlySpan<byte> value) => "0x" + Convert.ToHexStringLower(value);

    /// <summary>Valid UTF-8 as text; anything else with its non-ASCII octets as \ooo escapes (radclient style).</summary>
    public static string FormatString(ReadOnlySpan<byte> value)
    {
        if (Utf8.IsValid(value))
        {
            return Encoding.UTF8.GetString(value);
        }

        var builder = new StringBuilder(value.Length * 2);
        foreach (byte b in value)
        {
            if (b is >= 0x20 and < 0x7F)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
        }

        return builder.ToString();
    }

    // Ether: "00:11:22:33:44:55"; ifid: "0011:2233:4455:6677" (FreeRADIUS print forms).
    private static string GroupedHex(ReadOnlySpan<byte> value, int octetsPerGroup)
    {
        var builder = new StringBuilder(value.Length * 3);
        for (int i = 0; i < value.Length; i += octetsPerGroup)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            builder.Append(Convert.ToHexStringLower(value.Slice(i, octetsPerGroup)));
        }

        return builder.ToString();
    }

    private static string Named(DictionaryAttribute? attribute, ulong number) =>
        attribute is not null && attribute.TryGetValueName(number, out string name)
            ? name
            : number.ToString(CultureInfo.InvariantCulture);

    // RFC 3162 §2.3: reserved octet, prefix length (0..128), then only as many prefix octets as needed.
    private static bool TryFormatIPv6Prefix(ReadOnlySpan<byte> value, out string text)
    {
        text = string.Empty;
        if (value.Length < 2 || value.Length > 18 || value[1] > 128)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        address.Clear();
        value[2..].CopyTo(address);
        text = $"{new IPAddress(address)}/{value[1].ToString(CultureInfo.InvariantCulture)}";
        return true;
    }
}
