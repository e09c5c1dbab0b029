using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>Log events of the AccelRadiusdesk driver (event ids 3500–3599, Logging/EventIds.cs). Never the secret.</summary>
internal static partial class AccelLog
{
    [LoggerMessage(EventId = EventIds.Accel.Queued, Level = LogLevel.Debug, Message = "NAS {Nas}: accel_sessions sid {SessionId} flagged for disconnect ({Rows} rows); the accel-ppp server terminates it at its next report")]
    public static partial void Queued(ILogger logger, string nas, string sessionId, int rows);

    [LoggerMessage(EventId = EventIds.Accel.NoSession, Level = LogLevel.Debug, Message = "NAS {Nas}: no open accel session {SessionId} to flag")]
    public static partial void NoSession(ILogger logger, string nas, string sessionId);

    [LoggerMessage(EventId = EventIds.Accel.DatabaseUnavailable, Level = LogLevel.Warning, Message = "NAS {Nas}: the RADIUSdesk database did not answer while flagging accel session {SessionId}")]
    public static partial void DatabaseUnavailable(ILogger logger, string nas, string sessionId);

    [LoggerMessage(EventId = EventIds.Accel.Forwarding, Level = LogLevel.Debug, Message = "NAS {Nas}: forwarding to accel-ppp dae-server {Endpoint}")]
    public static partial void Forwarding(ILogger logger, string nas, System.Net.IPEndPoint endpoint);
}
