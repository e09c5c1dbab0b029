using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>The pipeline's log events (fixed ids 2001–2099). No secret ever appears in one.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = EventIds.Pipeline.Dropped, Level = LogLevel.Debug, Message = "Dropped a datagram from {Source}: {Reason}")]
    public static partial void Dropped(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = EventIds.Pipeline.MessageAuthenticatorNowRequired, Level = LogLevel.Information,
        Message = "Client {Client} sent a valid Message-Authenticator: from now on its requests must carry one (require_message_authenticator = auto)")]
    public static partial void MessageAuthenticatorNowRequired(ILogger logger, string client);

    [LoggerMessage(EventId = EventIds.Pipeline.Overloaded, Level = LogLevel.Warning, Message = "Overloaded ({MaxPending} requests pending): answered {Code} {Identifier} from {Client} with NAK 506")]
    public static partial void Overloaded(ILogger logger, int maxPending, string code, byte identifier, string client);

    [LoggerMessage(EventId = EventIds.Pipeline.DriverFailed, Level = LogLevel.Error, Message = "The {NasType} driver failed on NAS {Nas}; answered NAK 506")]
    public static partial void DriverFailed(ILogger logger, Exception exception, string nasType, string nas);

    [LoggerMessage(EventId = EventIds.Pipeline.DriverTimedOut, Level = LogLevel.Warning, Message = "The {NasType} driver did not finish within {TimeoutMs} ms on NAS {Nas}; answered NAK 506")]
    public static partial void DriverTimedOut(ILogger logger, string nasType, double timeoutMs, string nas);

    [LoggerMessage(EventId = EventIds.Pipeline.NoDriver, Level = LogLevel.Error, Message = "NAS {Nas} has type {NasType}, for which no driver is registered; answered NAK 502")]
    public static partial void NoDriver(ILogger logger, string nas, string nasType);

    [LoggerMessage(EventId = EventIds.Pipeline.AnswerFailed, Level = LogLevel.Warning,
        Message = "Could not answer {Code} {Identifier} from {Client}: {Reason}; dropped (retransmissions are dropped too)")]
    public static partial void AnswerFailed(ILogger logger, string code, byte identifier, string client, string reason);

    [LoggerMessage(EventId = EventIds.Pipeline.AnswerTrimmed, Level = LogLevel.Debug,
        Message = "The answer to {Code} {Identifier} from {Client} left out {Trimmed} to fit 4096 octets")]
    public static partial void AnswerTrimmed(ILogger logger, string code, byte identifier, string client, string trimmed);

    [LoggerMessage(EventId = EventIds.Pipeline.AnswerSendFailed, Level = LogLevel.Warning, Message = "Could not send the answer to {Code} {Identifier} from {Client}: {Reason}")]
    public static partial void AnswerSendFailed(ILogger logger, string code, byte identifier, string client, string reason);

    [LoggerMessage(EventId = EventIds.Pipeline.DirectoryFailed, Level = LogLevel.Warning, Message = "The session directory failed; answered NAK 506")]
    public static partial void DirectoryFailed(ILogger logger, Exception exception);
}
