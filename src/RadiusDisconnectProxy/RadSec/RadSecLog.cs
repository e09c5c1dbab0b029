using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>The RadSec listener's log events (ids from <see cref="EventIds.RadSec"/>). Never a secret, never key material.</summary>
internal static partial class RadSecLog
{
    [LoggerMessage(EventId = EventIds.RadSec.Listening, Level = LogLevel.Information,
        Message = "Listening for RadSec (RADIUS over TLS) on tcp {EndPoint}; RADIUS/1.1 {Radius11}, TLS from {MinVersion}")]
    public static partial void Listening(ILogger logger, string endPoint, string radius11, string minVersion);

    [LoggerMessage(EventId = EventIds.RadSec.Connected, Level = LogLevel.Information,
        Message = "RadSec connection {Connection} from {Remote} (client {Client}, subject {Subject}): {Protocol}, {Profile}")]
    public static partial void Connected(ILogger logger, long connection, string remote, string client, string subject, string protocol, string profile);

    [LoggerMessage(EventId = EventIds.RadSec.Closed, Level = LogLevel.Information, Message = "RadSec connection {Connection} from {Remote} closed: {Reason}")]
    public static partial void Closed(ILogger logger, long connection, string remote, string reason);

    [LoggerMessage(EventId = EventIds.RadSec.Refused, Level = LogLevel.Warning, Message = "RadSec connection from {Remote} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = EventIds.RadSec.HandshakeFailed, Level = LogLevel.Warning, Message = "RadSec handshake with {Remote} (client {Client}) failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string remote, string client, string reason);

    [LoggerMessage(EventId = EventIds.RadSec.CertificateRejected, Level = LogLevel.Warning,
        Message = "RadSec client certificate from {Remote} rejected for client {Client}: {Reason} (subject {Subject})")]
    public static partial void CertificateRejected(ILogger logger, string remote, string client, string reason, string subject);

    [LoggerMessage(EventId = EventIds.RadSec.ProcessingFailed, Level = LogLevel.Error, Message = "Processing a packet of RadSec connection {Connection} failed")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, long connection);

    [LoggerMessage(EventId = EventIds.RadSec.StatusServerDropped, Level = LogLevel.Debug, Message = "RadSec connection {Connection}: Status-Server dropped: {Reason}")]
    public static partial void StatusServerDropped(ILogger logger, long connection, string reason);

    [LoggerMessage(EventId = EventIds.RadSec.ObfuscatedAttributeDropped, Level = LogLevel.Warning,
        Message = "RadSec connection {Connection}: a RADIUS/1.1 request carries an attribute that historic RADIUS obfuscates; dropped (docs/radsec.md)")]
    public static partial void ObfuscatedAttributeDropped(ILogger logger, long connection);

    [LoggerMessage(EventId = EventIds.RadSec.ConnectionFailed, Level = LogLevel.Error, Message = "RadSec connection from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string remote);

    [LoggerMessage(EventId = EventIds.RadSec.Retiring, Level = LogLevel.Warning,
        Message = "RadSec connection {Connection} from {Remote} (client {Client}) closes after its requests in flight are answered: {Reason}")]
    public static partial void Retiring(ILogger logger, long connection, string remote, string client, string reason);

    [LoggerMessage(EventId = EventIds.RadSec.TlsReloaded, Level = LogLevel.Information,
        Message = "RadSec: new handshakes use certificate {Subject} (SHA-1 {Thumbprint}, valid until {NotAfter}) and ca_file {CaFile}; established connections keep theirs")]
    public static partial void TlsReloaded(ILogger logger, string subject, string thumbprint, string notAfter, string caFile);
}
