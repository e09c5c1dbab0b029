namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Where one request came from: a UDP datagram's source, or a packet read from a RadSec connection (docs/radsec.md),
/// which has its own Identifier space (<see cref="Connection"/>, never 0) and may speak RADIUS/1.1 (RFC 9765).
/// </summary>
internal readonly record struct PacketOrigin(SourceAddress From, long Connection = 0, bool Radius11 = false);
