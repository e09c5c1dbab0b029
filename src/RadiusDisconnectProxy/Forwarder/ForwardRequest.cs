using System.Net;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>What the forwarder needs of an authenticated Disconnect-/CoA-Request (RFC 5176 §3.1).</summary>
/// <param name="Code">Disconnect-Request or CoA-Request.</param>
/// <param name="Packet">The request exactly as received (already authenticated).</param>
/// <param name="ClientSecret">The client's shared secret, to decrypt encrypt=2 attributes before re-keying them.</param>
/// <param name="Client">The DAC's address, for logs.</param>
/// <param name="Keys">Session keys laid over the request's own (e.g. from the RADIUSdesk database), or null.</param>
public readonly record struct ForwardRequest(
    RadiusCode Code, ReadOnlyMemory<byte> Packet, ReadOnlyMemory<byte> ClientSecret, IPEndPoint Client, SessionKeys? Keys);
