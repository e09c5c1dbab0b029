using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>Log events of the forwarder (event ids 3100–3199). Never a secret, never a packet dump.</summary>
internal static partial class ForwardingLog
{
    [LoggerMessage(EventId = EventIds.Forwarding.SocketOpened, Level = LogLevel.Debug, Message = "Opened upstream socket {SocketCount} toward NAS {Endpoint}")]
    public static partial void SocketOpened(ILogger logger, IPEndPoint endpoint, int socketCount);

    [LoggerMessage(EventId = EventIds.Forwarding.SocketOpenFailed, Level = LogLevel.Warning, Message = "Cannot open an upstream socket toward NAS {Endpoint}: {Error}")]
    public static partial void SocketOpenFailed(ILogger logger, IPEndPoint endpoint, SocketError error);

    [LoggerMessage(EventId = EventIds.Forwarding.NasUnreachable, Level = LogLevel.Warning, Message = "NAS {Endpoint} unreachable: {Error}")]
    public static partial void NasUnreachable(ILogger logger, IPEndPoint endpoint, SocketError error);

    [LoggerMessage(EventId = EventIds.Forwarding.AnswerDiscarded, Level = LogLevel.Debug, Message = "Discarded an answer from NAS {Endpoint}: {Reason}")]
    public static partial void AnswerDiscarded(ILogger logger, IPEndPoint endpoint, AnswerCheck reason);

    [LoggerMessage(EventId = EventIds.Forwarding.IdentifiersExhausted, Level = LogLevel.Warning, Message = "No free Identifier toward NAS {Endpoint} within the wait bound; answering NAK 506")]
    public static partial void IdentifiersExhausted(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = EventIds.Forwarding.NotForwarded, Level = LogLevel.Warning, Message = "Request from {Client} cannot be forwarded to NAS {Endpoint}: {Reason}")]
    public static partial void NotForwarded(ILogger logger, IPEndPoint client, IPEndPoint endpoint, ForwardBuildStatus reason);

    [LoggerMessage(EventId = EventIds.Forwarding.TimerLoopFailed, Level = LogLevel.Error, Message = "Forwarding timer scan failed")]
    public static partial void TimerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Forwarding.ReceiveFailed, Level = LogLevel.Error, Message = "Handling an answer from NAS {Endpoint} failed")]
    public static partial void ReceiveFailed(ILogger logger, IPEndPoint endpoint, Exception exception);
}
