namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>Walks the attributes of a packet already validated by <see cref="RadiusPacketReader.TryParse"/>.</summary>
public ref struct AttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _packet;
    private int _next;
    private RadiusAttributeView _current;

    internal AttributeEnumerator(ReadOnlySpan<byte> packet)
    {
        _packet = packet;
        _next = RadiusPacketLimits.HeaderLength;
        _current = default;
    }

    public readonly RadiusAttributeView Current => _current;

    public readonly AttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_next + RadiusPacketLimits.AttributeHeaderLength > _packet.Length)
        {
            return false;
        }

        int offset = _next;
        int length = _packet[offset + 1];
        if (length < RadiusPacketLimits.AttributeHeaderLength || offset + length > _packet.Length)
        {
            // Only reachable for an unvalidated span; stop rather than throw.
            _next = _packet.Length;
            return false;
        }

        _current = new RadiusAttributeView(_packet[offset], _packet.Slice(offset + 2, length - 2), offset);
        _next = offset + length;
        return true;
    }
}
