using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>An accepted request on its way to an answer (created once per new authentic request, off the drop path).</summary>
internal sealed class RequestContext(RadiusClient client, CodeMetrics metrics, SocketAddress source, IAnswerTransport transport,
    DuplicateEntry entry, DynamicAuthorizationRequest request, long startTimestamp)
{
    public RadiusClient Client { get; } = client;

    public CodeMetrics Metrics { get; } = metrics;

    /// <summary>A private copy of the source address (the receive loop reuses its own).</summary>
    public SocketAddress Source { get; } = source;

    public IAnswerTransport Transport { get; } = transport;

    public DuplicateEntry Entry { get; } = entry;

    public DynamicAuthorizationRequest Request { get; } = request;

    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>The request came over a RADIUS/1.1 connection: the answer carries its Token and no MD5 (RFC 9765 §4).</summary>
    public bool Radius11 { get; init; }
}
