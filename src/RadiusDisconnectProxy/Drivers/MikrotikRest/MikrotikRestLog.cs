using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>Log events of the Mikrotik-Rest-API driver (event ids 3300–3399, Logging/EventIds.cs). Never the password.</summary>
internal static partial class MikrotikRestLog
{
    [LoggerMessage(EventId = EventIds.MikrotikRest.SessionsRemoved, Level = LogLevel.Debug, Message = "NAS {Nas}: removed {Removed} of {Matched} sessions over REST ({Detail})")]
    public static partial void SessionsRemoved(ILogger logger, string nas, int removed, int matched, string detail);

    [LoggerMessage(EventId = EventIds.MikrotikRest.RemoveRefused, Level = LogLevel.Warning, Message = "NAS {Nas}: router refused to remove {Table} session {SessionId} of {User}: {Status} {RouterDetail}")]
    public static partial void RemoveRefused(ILogger logger, string nas, Drivers.Mikrotik.Shared.RouterSessionTable table, string sessionId, string? user, int status,
        string? routerDetail);

    [LoggerMessage(EventId = EventIds.MikrotikRest.RouterUnavailable, Level = LogLevel.Warning, Message = "NAS {Nas}: RouterOS REST unavailable ({Cause}): {Reason}")]
    public static partial void RouterUnavailable(ILogger logger, string nas, string cause, string reason);

    [LoggerMessage(EventId = EventIds.MikrotikRest.DeadlineReached, Level = LogLevel.Warning, Message = "NAS {Nas}: request deadline reached while talking to the router over REST")]
    public static partial void DeadlineReached(ILogger logger, string nas);

    [LoggerMessage(EventId = EventIds.MikrotikRest.CookieRemovalFailed, Level = LogLevel.Warning, Message = "NAS {Nas}: could not delete hotspot cookies of {User}: {Reason}")]
    public static partial void CookieRemovalFailed(ILogger logger, string nas, string? user, string reason);

    [LoggerMessage(EventId = EventIds.MikrotikRest.RateChanged, Level = LogLevel.Debug, Message = "NAS {Nas}: rate of {User} ({Table}) set to {Rate} via queue {Queue}")]
    public static partial void RateChanged(ILogger logger, string nas, string? user, Drivers.Mikrotik.Shared.RouterSessionTable table, string rate, string queue);

    [LoggerMessage(EventId = EventIds.MikrotikRest.RateNotApplied, Level = LogLevel.Warning, Message = "NAS {Nas}: rate change for {User} not applied: {Reason}")]
    public static partial void RateNotApplied(ILogger logger, string nas, string? user, string reason);

    [LoggerMessage(EventId = EventIds.MikrotikRest.ForwardingCoa, Level = LogLevel.Debug, Message = "NAS {Nas}: forwarding CoA to RouterOS RADIUS incoming at {Endpoint}")]
    public static partial void ForwardingCoa(ILogger logger, string nas, System.Net.IPEndPoint endpoint);

    [LoggerMessage(EventId = EventIds.MikrotikRest.UnverifiedTls, Level = LogLevel.Warning, Message = "NAS {Nas}: api_tls_verify = no: any certificate the router presents is accepted (pin it with api_tls_fingerprint instead)")]
    public static partial void UnverifiedTls(ILogger logger, string nas);
}
