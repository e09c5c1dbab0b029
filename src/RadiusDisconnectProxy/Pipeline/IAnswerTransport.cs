using System.Net;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Where the pipeline sends answers: the listener socket a request arrived on (or a test double). Sends are
/// synchronous UDP sendto calls: they do not block on a datagram socket and need no allocation.
/// </summary>
internal interface IAnswerTransport
{
    void Send(ReadOnlySpan<byte> answer, SocketAddress destination);
}
