using System.Net;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>The answer texts and log events (3200–3299) of <c>Mikrotik-API</c> in the shared RouterOS flow.</summary>
internal sealed class MikrotikDialect(ILogger logger) : RouterDialect
{
    public override string Transport => "the RouterOS API";

    public override string NoMatch => "no matching hotspot or PPP session";

    public override string Describe(IReadOnlyList<RouterSession> removed)
    {
        int hotspot = removed.Count(s => s.Table == RouterSessionTable.Hotspot);
        return $"{hotspot} hotspot and {removed.Count - hotspot} PPP sessions";
    }

    public override string RefusalText(RouterOsException refused) => refused is RouterOsTrapException trap ? trap.RouterMessage : refused.Message;

    public override void SessionsRemoved(string nas, int removed, IReadOnlyList<RouterSession> matches, string detail)
    {
        int hotspot = matches.Count(s => s.Table == RouterSessionTable.Hotspot);
        MikrotikLog.SessionsRemoved(logger, nas, removed, matches.Count, hotspot, matches.Count - hotspot);
    }

    public override void RemoveRefused(string nas, RouterSession session, RouterOsException refused)
        => MikrotikLog.RemoveRefused(logger, nas, session.Id, session.User, RefusalText(refused));

    public override void RouterUnavailable(string nas, string cause, string reason) => MikrotikLog.RouterUnavailable(logger, nas, cause, reason);

    public override void DeadlineReached(string nas) => MikrotikLog.DeadlineReached(logger, nas);

    public override void CookieRemovalFailed(string nas, string? user, string reason) => MikrotikLog.CookieRemovalFailed(logger, nas, user, reason);

    public override void RateChanged(string nas, RouterSession session, string rate)
        => MikrotikLog.RateChanged(logger, nas, session.User, session.Table, rate, session.QueueName);

    public override void RateNotApplied(string nas, string? user, string reason) => MikrotikLog.RateNotApplied(logger, nas, user, reason);

    public override void ForwardingCoa(string nas, IPEndPoint endpoint) => MikrotikLog.ForwardingCoa(logger, nas, endpoint);

    public override void NoForwarder(string nas) => MikrotikLog.NoForwarder(logger, nas);
}
