namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// What makes two requests "the same" for retransmission detection: source address, source port and Identifier
/// (RFC 5080 §2.2.2; RFC 5176 §2.3 points to it). The Request Authenticator tells a retransmission from a new request.
/// </summary>
internal readonly record struct DuplicateKey(SourceAddress Source, byte Identifier)
{
    public override int GetHashCode() => HashCode.Combine(Source.Address, Source.Port, Identifier);
}
