using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>Log events of the RADIUSdesk store (event ids 6100–6199). The database is always named by its redacted connection string.</summary>
internal static partial class RadiusDeskLog
{
    [LoggerMessage(EventId = EventIds.RadiusDesk.Configured, Level = LogLevel.Information,
        Message = "RADIUSdesk database {Database}: cache_ttl {CacheTtl}, record_actions {RecordActions}, verify {Verify}")]
    public static partial void Configured(ILogger logger, string database, TimeSpan cacheTtl, bool recordActions, string verify);

    [LoggerMessage(EventId = EventIds.RadiusDesk.Unavailable, Level = LogLevel.Warning,
        Message = "RADIUSdesk database {Database} unavailable ({Operation}): {Reason}; answering NAK 506 until it returns")]
    public static partial void Unavailable(ILogger logger, string database, string operation, string reason);

    [LoggerMessage(EventId = EventIds.RadiusDesk.Available, Level = LogLevel.Information, Message = "RADIUSdesk database {Database} available again")]
    public static partial void Available(ILogger logger, string database);

    [LoggerMessage(EventId = EventIds.RadiusDesk.NasNotUsable, Level = LogLevel.Warning,
        Message = "RADIUSdesk NAS for nasidentifier '{NasIdentifier}' / nasipaddress '{NasIpAddress}' not usable: {Reason}")]
    public static partial void NasNotUsable(ILogger logger, string nasIdentifier, string nasIpAddress, string reason);

    [LoggerMessage(EventId = EventIds.RadiusDesk.NasResolved, Level = LogLevel.Debug,
        Message = "RADIUSdesk NAS '{NasIdentifier}' / '{NasIpAddress}' resolved to {Source} (type {Type})")]
    public static partial void NasResolved(ILogger logger, string nasIdentifier, string nasIpAddress, string source, string type);

    [LoggerMessage(EventId = EventIds.RadiusDesk.VerifyFailed, Level = LogLevel.Information,
        Message = "verify = accounting: {Open} of {Count} session(s) still open after {Elapsed} ms")]
    public static partial void VerifyFailed(ILogger logger, int open, int count, long elapsed);

    [LoggerMessage(EventId = EventIds.RadiusDesk.SessionLimit, Level = LogLevel.Warning,
        Message = "RADIUSdesk session lookup hit the limit of {Limit} rows; only the first {Limit} sessions are acted on")]
    public static partial void SessionLimit(ILogger logger, int limit);

    [LoggerMessage(EventId = EventIds.RadiusDesk.RecordFailed, Level = LogLevel.Warning,
        Message = "record_actions: could not record the {Mode} action for device {DeviceId}; the command is sent without a row")]
    public static partial void RecordFailed(ILogger logger, string mode, long deviceId);

    [LoggerMessage(EventId = EventIds.RadiusDesk.RowsAdopted, Level = LogLevel.Information,
        Message = "record_actions: marked {Rows} action row(s) whose sender did not (another instance, gone or late)")]
    public static partial void RowsAdopted(ILogger logger, int rows);

    [LoggerMessage(EventId = EventIds.RadiusDesk.Reconfigured, Level = LogLevel.Information,
        Message = "RADIUSdesk settings reloaded: database {Database} ({DatabaseChange}), cache_ttl {CacheTtl}, record_actions {RecordActions}, verify {Verify}; operations already running finish with the previous settings")]
    public static partial void Reconfigured(ILogger logger, string database, string databaseChange, TimeSpan cacheTtl, bool recordActions, string verify);
}
