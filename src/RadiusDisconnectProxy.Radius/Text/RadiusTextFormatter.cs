using System.Globalization;
using System.Text;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>
/// The radclient text form: <c>User-Name = "bob"</c>, <c>Tunnel-Type:1 = VLAN</c>,
/// <c>Framed-IP-Address = 10.0.0.5</c>. Secret (encrypt=) values are only shown decrypted if the decoder was given
/// the secret; logs should decode without one.
/// </summary>
public static class RadiusTextFormatter
{
    public static string Format(DecodedAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var builder = new StringBuilder(attribute.Name.Length + attribute.Value.Length + 8);
        AppendAttribute(builder, attribute);
        return builder.ToString();
    }

    /// <summary>All attributes of a packet, comma separated, for one log line; secret attributes show as <c>***</c>.</summary>
    public static string FormatAttributes(ReadOnlySpan<byte> packet, RadiusDictionary dictionary)
    {
        if (PacketDecoder.TryDecode(packet, dictionary, PacketDecodeOptions.None, out DecodedPacket? decoded) is var error
            && error != PacketParseError.None)
        {
            return string.Create(CultureInfo.InvariantCulture, $"<malformed: {error}>");
        }

        var builder = new StringBuilder();
        foreach (DecodedAttribute attribute in decoded!.Attributes)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            AppendAttribute(builder, attribute.IsSecret ? attribute with { Value = "***", IsText = false } : attribute);
        }

        return builder.ToString();
    }

    private static void AppendAttribute(StringBuilder builder, DecodedAttribute attribute)
    {
        builder.Append(attribute.Name);
        if (attribute.Tag is int tag)
        {
            builder.Append(':').Append(tag.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(" = ");
        if (!attribute.IsText)
        {
            builder.Append(attribute.Value);
            return;
        }

        builder.Append('"');
        foreach (char c in attribute.Value)
        {
            switch (c)
            {
                case '"' or '\\':
                    builder.Append('\\').Append(c);
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
