using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>Log events of the forwarder (event ids 3100–3199). Never a secret, never a packet dump.</summary>
internal static partial class ForwardingLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Opened upstream socket {SocketCount} toward NAS {Endpoint}")]
    public static partial void SocketOpened(ILogger logger, IPEndPoint endpoint, int socketCount);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Cannot open an upstream socket toward NAS {Endpoint}: {Error}")]
    public static partial void SocketOpenFailed(ILogger logger, IPEndPoint endpoint, SocketError error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "NAS {Endpoint} unreachable: {Error}")]
    public static partial void NasUnreachable(ILogger logger, IPEndPoint endpoint, SocketError error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Discarded an answer from NAS {Endpoint}: {Reason}")]
    public static partial void AnswerDiscarded(ILogger logger, IPEndPoint endpoint, AnswerCheck reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "No free Identifier toward NAS {Endpoint} within the wait bound; answering NAK 506")]
    public static partial void IdentifiersExhausted(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Request from {Client} cannot be forwarded to NAS {Endpoint}: {Reason}")]
    public static partial void NotForwarded(ILogger logger, IPEndPoint client, IPEndPoint endpoint, ForwardBuildStatus reason);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Error, Message = "Forwarding timer scan failed")]
    public static partial void TimerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Handling an answer from NAS {Endpoint} failed")]
    public static partial void ReceiveFailed(ILogger logger, IPEndPoint endpoint, Exception exception);
}
