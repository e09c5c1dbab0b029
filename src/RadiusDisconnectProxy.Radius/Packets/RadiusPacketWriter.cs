using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>
/// Builds a packet into a caller buffer without allocating. The authenticator field starts as 16 zeros;
/// sign the result with <see cref="Crypto.RadiusAuthenticator.SignRequest"/> or <c>SignResponse</c>.
/// Adding past 4096 octets or a value over 253 octets is a programming error and throws.
/// </summary>
public ref struct RadiusPacketWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public RadiusPacketWriter(Span<byte> buffer, RadiusCode code, byte identifier)
    {
        if (buffer.Length < RadiusPacketLimits.HeaderLength)
        {
            throw new ArgumentException("The buffer cannot hold a RADIUS header.", nameof(buffer));
        }

        _buffer = buffer.Length > RadiusPacketLimits.MaxPacketLength ? buffer[..RadiusPacketLimits.MaxPacketLength] : buffer;
        _buffer[0] = (byte)code;
        _buffer[1] = identifier;
        _buffer.Slice(RadiusPacketLimits.AuthenticatorOffset, RadiusPacketLimits.AuthenticatorLength).Clear();
        _position = RadiusPacketLimits.HeaderLength;
        MessageAuthenticatorOffset = -1;
        WriteLength();
    }

    /// <summary>The packet length so far (the Length field is kept up to date after every Add).</summary>
    public readonly int Length => _position;

    /// <summary>Octets still free before the buffer or the 4096-octet limit.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>The packet written so far.</summary>
    public readonly Span<byte> Written => _buffer[.._position];

    /// <summary>Offset of the Message-Authenticator value, or -1.</summary>
    public int MessageAuthenticatorOffset { get; private set; }

    /// <summary>Sets the authenticator field (Access-Request, Status-Server: a random value).</summary>
    public readonly void SetAuthenticator(scoped ReadOnlySpan<byte> authenticator) =>
        authenticator.CopyTo(_buffer.Slice(RadiusPacketLimits.AuthenticatorOffset, RadiusPacketLimits.AuthenticatorLength));

    /// <summary>Adds a zeroed Message-Authenticator; call it first (Blast-RADIUS hardening, RFC 3579 §3.2).</summary>
    public void AddMessageAuthenticator()
    {
        if (MessageAuthenticatorOffset >= 0)
        {
            throw new InvalidOperationException("A packet carries at most one Message-Authenticator.");
        }

        Span<byte> value = Reserve(RadiusAttributeType.MessageAuthenticator, 16);
        value.Clear();
        MessageAuthenticatorOffset = _position - 16;
    }

    public void Add(byte type, scoped ReadOnlySpan<byte> value) => value.CopyTo(Reserve(type, value.Length));

    /// <summary>Copies a whole attribute (type, length, value) verbatim.</summary>
    public void AddRaw(scoped ReadOnlySpan<byte> wholeAttribute)
    {
        if (wholeAttribute.Length < 2 || wholeAttribute[1] != wholeAttribute.Length)
        {
            throw new ArgumentException("Not one whole attribute.", nameof(wholeAttribute));
        }

        EnsureRoom(wholeAttribute.Length);
        if (wholeAttribute[0] == RadiusAttributeType.MessageAuthenticator)
        {
            MessageAuthenticatorOffset = MessageAuthenticatorOffset >= 0
                ? throw new InvalidOperationException("A packet carries at most one Message-Authenticator.")
                : _position + 2;
        }

        wholeAttribute.CopyTo(_buffer[_position..]);
        _position += wholeAttribute.Length;
        WriteLength();
    }

    /// <summary>Adds a text attribute, UTF-8 encoded.</summary>
    public void AddString(byte type, scoped ReadOnlySpan<char> value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, Reserve(type, length));
    }

    public void AddUInt32(byte type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(type, 4), value);

    public void AddIPv4(byte type, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("Not an IPv4 address.", nameof(address));
        }

        address.TryWriteBytes(Reserve(type, 4), out _);
    }

    public void AddIPv6(byte type, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("Not an IPv6 address.", nameof(address));
        }

        address.TryWriteBytes(Reserve(type, 16), out _);
    }

    /// <summary>Adds a Vendor-Specific attribute with one format=1,1 sub-attribute (RFC 2865 §5.26).</summary>
    public void AddVendor(uint vendorId, byte vendorType, scoped ReadOnlySpan<byte> value)
    {
        Span<byte> vsa = Reserve(RadiusAttributeType.VendorSpecific, 6 + value.Length);
        BinaryPrimitives.WriteUInt32BigEndian(vsa, vendorId);
        vsa[4] = vendorType;
        vsa[5] = (byte)(2 + value.Length);
        value.CopyTo(vsa[6..]);
    }

    public void AddVendorString(uint vendorId, byte vendorType, scoped ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = stackalloc byte[RadiusPacketLimits.MaxAttributeValueLength];
        if (Encoding.UTF8.GetByteCount(value) > RadiusPacketLimits.MaxAttributeValueLength - 6)
        {
            throw new ArgumentException("The value does not fit one attribute.", nameof(value));
        }

        int length = Encoding.UTF8.GetBytes(value, utf8);
        AddVendor(vendorId, vendorType, utf8[..length]);
    }

    public void AddVendorUInt32(uint vendorId, byte vendorType, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        AddVendor(vendorId, vendorType, bytes);
    }

    /// <summary>Adds an RFC 2868 tagged attribute: tag octet (0x01..0x1F) then the value.</summary>
    public void AddTagged(byte type, byte tag, scoped ReadOnlySpan<byte> value)
    {
        if (tag is 0 or > 0x1F)
        {
            throw new ArgumentOutOfRangeException(nameof(tag), "An RFC 2868 tag is 1..31.");
        }

        Span<byte> destination = Reserve(type, value.Length + 1);
        destination[0] = tag;
        value.CopyTo(destination[1..]);
    }

    /// <summary>Adds an RFC 6929 §2.1 extended attribute (241–244): type, length, extended type, value.</summary>
    public void AddExtended(byte type, byte extendedType, scoped ReadOnlySpan<byte> value)
    {
        if (type is < RadiusAttributeType.Extended1 or > RadiusAttributeType.Extended4)
        {
            throw new ArgumentOutOfRangeException(nameof(type), "Extended attributes are 241..244.");
        }

        Span<byte> destination = Reserve(type, value.Length + 1);
        destination[0] = extendedType;
        value.CopyTo(destination[1..]);
    }

    /// <summary>Reserves type, length and <paramref name="valueLength"/> value octets; returns the value span.</summary>
    public Span<byte> Reserve(byte type, int valueLength)
    {
        if ((uint)valueLength > RadiusPacketLimits.MaxAttributeValueLength)
        {
            throw new ArgumentOutOfRangeException(nameof(valueLength), "An attribute value is at most 253 octets.");
        }

        EnsureRoom(valueLength + 2);
        _buffer[_position] = type;
        _buffer[_position + 1] = (byte)(valueLength + 2);
        Span<byte> value = _buffer.Slice(_position + 2, valueLength);
        _position += valueLength + 2;
        WriteLength();
        return value;
    }

    private readonly void EnsureRoom(int attributeLength)
    {
        if (attributeLength > Remaining)
        {
            throw new InvalidOperationException("The packet would exceed its buffer or 4096 octets.");
        }
    }

    private readonly void WriteLength() => BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)_position);
}
