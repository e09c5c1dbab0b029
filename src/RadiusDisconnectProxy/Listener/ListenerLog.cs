using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Listener;

/// <summary>The listener's log events (fixed ids 1001–1099).</summary>
internal static partial class ListenerLog
{
    [LoggerMessage(EventId = EventIds.Listener.Listening, Level = LogLevel.Information, Message = "Listening for Disconnect/CoA-Requests on udp {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = EventIds.Listener.ReceiveBufferCapped, Level = LogLevel.Warning,
        Message = "Receive buffer on {EndPoint} is {Actual} bytes, asked for {Requested} (raise net.core.rmem_max to absorb bursts)")]
    public static partial void ReceiveBufferCapped(ILogger logger, string endPoint, int actual, int requested);

    [LoggerMessage(EventId = EventIds.Listener.TransientReceiveError, Level = LogLevel.Debug, Message = "Receive on {EndPoint} reported {SocketError}; continuing")]
    public static partial void TransientReceiveError(ILogger logger, string endPoint, System.Net.Sockets.SocketError socketError);

    [LoggerMessage(EventId = EventIds.Listener.Draining, Level = LogLevel.Information, Message = "Stopped receiving; waiting for {Pending} request(s) in flight to be answered")]
    public static partial void Draining(ILogger logger, int pending);

    [LoggerMessage(EventId = EventIds.Listener.DrainTimedOut, Level = LogLevel.Warning, Message = "Shutdown timeout: {Pending} request(s) still in flight are being answered NAK 506")]
    public static partial void DrainTimedOut(ILogger logger, int pending);

    [LoggerMessage(EventId = EventIds.Listener.ProcessingFailed, Level = LogLevel.Error, Message = "Processing a datagram from the socket on {EndPoint} failed")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string endPoint);
}
