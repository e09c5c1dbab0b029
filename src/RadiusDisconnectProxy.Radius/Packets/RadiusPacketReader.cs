using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>A validated, allocation-free view over one RADIUS packet (RFC 2865 §3).</summary>
public readonly ref struct RadiusPacketReader
{
    private readonly ReadOnlySpan<byte> _packet;

    private RadiusPacketReader(ReadOnlySpan<byte> packet, int messageAuthenticatorOffset)
    {
        _packet = packet;
        MessageAuthenticatorOffset = messageAuthenticatorOffset;
    }

    public RadiusCode Code => (RadiusCode)_packet[0];

    public byte Identifier => _packet[1];

    public int Length => _packet.Length;

    /// <summary>The 16-octet Request or Response Authenticator.</summary>
    public ReadOnlySpan<byte> Authenticator => _packet.Slice(RadiusPacketLimits.AuthenticatorOffset, RadiusPacketLimits.AuthenticatorLength);

    /// <summary>The packet, exactly Length octets (datagram padding cut off).</summary>
    public ReadOnlySpan<byte> Span => _packet;

    /// <summary>The attribute octets after the header.</summary>
    public ReadOnlySpan<byte> Attributes => _packet[RadiusPacketLimits.HeaderLength..];

    /// <summary>Offset of the Message-Authenticator's value (not its type octet), or -1 when absent.</summary>
    public int MessageAuthenticatorOffset { get; }

    public AttributeEnumerator GetEnumerator() => new(_packet);

    /// <summary>
    /// Validates a datagram: 20 &lt;= Length &lt;= 4096, Length &lt;= datagram (the rest is padding, RFC 2865 §3),
    /// attribute lengths add up exactly, Message-Authenticator is 18 octets and appears at most once
    /// (RFC 3579 §3.2), Vendor-Specific is at least 7 octets (RFC 2865 §5.26).
    /// </summary>
    public static PacketParseError TryParse(ReadOnlySpan<byte> datagram, out RadiusPacketReader packet)
    {
        packet = default;
        if (datagram.Length < RadiusPacketLimits.HeaderLength)
        {
            return PacketParseError.TooShort;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (length < RadiusPacketLimits.HeaderLength)
        {
            return PacketParseError.TooShort;
        }

        if (length > RadiusPacketLimits.MaxPacketLength)
        {
            return PacketParseError.TooLong;
        }

        if (length > datagram.Length)
        {
            return PacketParseError.DatagramShorterThanLength;
        }

        ReadOnlySpan<byte> span = datagram[..length];
        int maOffset = -1;
        int offset = RadiusPacketLimits.HeaderLength;
        while (offset < length)
        {
            if (offset + RadiusPacketLimits.AttributeHeaderLength > length)
            {
                return PacketParseError.AttributeTooShort;
            }

            byte type = span[offset];
            int attributeLength = span[offset + 1];
            if (attributeLength < RadiusPacketLimits.AttributeHeaderLength)
            {
                return PacketParseError.AttributeTooShort;
            }

            if (offset + attributeLength > length)
            {
                return PacketParseError.AttributeOverrun;
            }

            if (type == RadiusAttributeType.MessageAuthenticator)
            {
                if (attributeLength != 18)
                {
                    return PacketParseError.MessageAuthenticatorBadLength;
                }

                if (maOffset >= 0)
                {
                    return PacketParseError.DuplicateMessageAuthenticator;
                }

                maOffset = offset + RadiusPacketLimits.AttributeHeaderLength;
            }
            else if (type == RadiusAttributeType.VendorSpecific && attributeLength < 7)
            {
                return PacketParseError.VendorSpecificTooShort;
            }

            offset += attributeLength;
        }

        packet = new RadiusPacketReader(span, maOffset);
        return PacketParseError.None;
    }

    /// <summary>The first attribute of <paramref name="type"/>, or false.</summary>
    public bool TryGetAttribute(byte type, out ReadOnlySpan<byte> value)
    {
        foreach (RadiusAttributeView attribute in this)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
