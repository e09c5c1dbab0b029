namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>One attribute of a parsed packet, viewed in place (no copy).</summary>
public readonly ref struct RadiusAttributeView
{
    public RadiusAttributeView(byte type, ReadOnlySpan<byte> value, int offset)
    {
        Type = type;
        Value = value;
        Offset = offset;
    }

    /// <summary>The type octet.</summary>
    public byte Type { get; }

    /// <summary>The value octets (length octet minus 2).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the type octet within the packet.</summary>
    public int Offset { get; }

    /// <summary>The whole attribute length (type + length + value).</summary>
    public int Length => Value.Length + RadiusPacketLimits.AttributeHeaderLength;
}
