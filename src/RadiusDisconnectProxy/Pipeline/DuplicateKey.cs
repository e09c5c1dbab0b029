namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// What makes two requests "the same" for retransmission detection: source address, source port and Identifier
/// (RFC 5080 §2.2.2; RFC 5176 §2.3 points to it). The Request Authenticator tells a retransmission from a new request.
/// Over RadSec the key also names the connection (RFC 6613 §2.6.1: Identifier spaces are per connection, and a
/// closed connection's answers are never replayed), and with RADIUS/1.1 <see cref="Identifier"/> holds the 32-bit
/// Token (RFC 9765 §4.2.2). UDP uses connection 0.
/// </summary>
internal readonly record struct DuplicateKey(SourceAddress Source, uint Identifier, long Connection = 0)
{
    public override int GetHashCode() => HashCode.Combine(Source.Address, Source.Port, Identifier, Connection);
}
