using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>The RadSec listener's log events (fixed ids 1101–1199). Never a secret, never key material.</summary>
internal static partial class RadSecLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Listening for RadSec (RADIUS over TLS) on tcp {EndPoint}; RADIUS/1.1 {Radius11}, TLS from {MinVersion}")]
    public static partial void Listening(ILogger logger, string endPoint, string radius11, string minVersion);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "RadSec connection {Connection} from {Remote} (client {Client}, subject {Subject}): {Protocol}, {Profile}")]
    public static partial void Connected(ILogger logger, long connection, string remote, string client, string subject, string protocol, string profile);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "RadSec connection {Connection} from {Remote} closed: {Reason}")]
    public static partial void Closed(ILogger logger, long connection, string remote, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "RadSec connection from {Remote} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "RadSec handshake with {Remote} (client {Client}) failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string remote, string client, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "RadSec client certificate from {Remote} rejected for client {Client}: {Reason} (subject {Subject})")]
    public static partial void CertificateRejected(ILogger logger, string remote, string client, string reason, string subject);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "Processing a packet of RadSec connection {Connection} failed")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, long connection);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Debug, Message = "RadSec connection {Connection}: Status-Server dropped: {Reason}")]
    public static partial void StatusServerDropped(ILogger logger, long connection, string reason);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning,
        Message = "RadSec connection {Connection}: a RADIUS/1.1 request carries an attribute that historic RADIUS obfuscates; dropped (docs/radsec.md)")]
    public static partial void ObfuscatedAttributeDropped(ILogger logger, long connection);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Error, Message = "RadSec connection from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string remote);
}
