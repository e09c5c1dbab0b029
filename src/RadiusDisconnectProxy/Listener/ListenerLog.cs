using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.Listener;

/// <summary>The listener's log events (fixed ids 1001–1099).</summary>
internal static partial class ListenerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Listening for Disconnect/CoA-Requests on udp {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Receive buffer on {EndPoint} is {Actual} bytes, asked for {Requested} (raise net.core.rmem_max to absorb bursts)")]
    public static partial void ReceiveBufferCapped(ILogger logger, string endPoint, int actual, int requested);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Receive on {EndPoint} reported {SocketError}; continuing")]
    public static partial void TransientReceiveError(ILogger logger, string endPoint, System.Net.Sockets.SocketError socketError);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Stopped receiving; waiting for {Pending} request(s) in flight to be answered")]
    public static partial void Draining(ILogger logger, int pending);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Shutdown timeout: {Pending} request(s) still in flight are being answered NAK 506")]
    public static partial void DrainTimedOut(ILogger logger, int pending);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Processing a datagram from the socket on {EndPoint} failed")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string endPoint);
}
