using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>Log events of the Mikrotik driver (event ids 3200–3299). Never the API password.</summary>
internal static partial class MikrotikLog
{
    [LoggerMessage(EventId = EventIds.Mikrotik.SessionsRemoved, Level = LogLevel.Debug, Message = "NAS {Nas}: removed {Removed} of {Matched} sessions ({Hotspot} hotspot, {Ppp} PPP)")]
    public static partial void SessionsRemoved(ILogger logger, string nas, int removed, int matched, int hotspot, int ppp);

    [LoggerMessage(EventId = EventIds.Mikrotik.RemoveRefused, Level = LogLevel.Warning, Message = "NAS {Nas}: router refused to remove session {SessionId} of {User}: {RouterMessage}")]
    public static partial void RemoveRefused(ILogger logger, string nas, string sessionId, string? user, string routerMessage);

    [LoggerMessage(EventId = EventIds.Mikrotik.RouterUnavailable, Level = LogLevel.Warning, Message = "NAS {Nas}: RouterOS API unavailable ({Cause}): {Reason}")]
    public static partial void RouterUnavailable(ILogger logger, string nas, string cause, string reason);

    [LoggerMessage(EventId = EventIds.Mikrotik.DeadlineReached, Level = LogLevel.Warning, Message = "NAS {Nas}: request deadline reached while talking to the router")]
    public static partial void DeadlineReached(ILogger logger, string nas);

    [LoggerMessage(EventId = EventIds.Mikrotik.CookieRemovalFailed, Level = LogLevel.Warning, Message = "NAS {Nas}: could not delete hotspot cookies of {User}: {Reason}")]
    public static partial void CookieRemovalFailed(ILogger logger, string nas, string? user, string reason);

    [LoggerMessage(EventId = EventIds.Mikrotik.RateChanged, Level = LogLevel.Debug, Message = "NAS {Nas}: rate of {User} ({Table}) set to {Rate} via queue {Queue}")]
    public static partial void RateChanged(ILogger logger, string nas, string? user, Shared.RouterSessionTable table, string rate, string queue);

    [LoggerMessage(EventId = EventIds.Mikrotik.RateNotApplied, Level = LogLevel.Warning, Message = "NAS {Nas}: rate change for {User} not applied: {Reason}")]
    public static partial void RateNotApplied(ILogger logger, string nas, string? user, string reason);

    [LoggerMessage(EventId = EventIds.Mikrotik.ForwardingCoa, Level = LogLevel.Debug, Message = "NAS {Nas}: forwarding CoA to RouterOS RADIUS incoming at {Endpoint}")]
    public static partial void ForwardingCoa(ILogger logger, string nas, System.Net.IPEndPoint endpoint);

    [LoggerMessage(EventId = EventIds.Mikrotik.NoForwarder, Level = LogLevel.Warning, Message = "NAS {Nas}: coa_port and secret are set but no CoA forwarder is registered; using the API")]
    public static partial void NoForwarder(ILogger logger, string nas);
}
