using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>Log events of the AccelRadiusdesk driver (event ids 3500–3599). Never the secret.</summary>
internal static partial class AccelLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "NAS {Nas}: accel_sessions sid {SessionId} flagged for disconnect ({Rows} rows); the accel-ppp server terminates it at its next report")]
    public static partial void Queued(ILogger logger, string nas, string sessionId, int rows);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "NAS {Nas}: no open accel session {SessionId} to flag")]
    public static partial void NoSession(ILogger logger, string nas, string sessionId);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "NAS {Nas}: the RADIUSdesk database did not answer while flagging accel session {SessionId}")]
    public static partial void DatabaseUnavailable(ILogger logger, string nas, string sessionId);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Debug, Message = "NAS {Nas}: forwarding to accel-ppp dae-server {Endpoint}")]
    public static partial void Forwarding(ILogger logger, string nas, System.Net.IPEndPoint endpoint);
}
