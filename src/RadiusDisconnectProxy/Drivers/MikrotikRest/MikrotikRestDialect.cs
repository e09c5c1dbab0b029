using System.Net;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>The answer texts and log events (3300–3399) of <c>Mikrotik-Rest-API</c> in the shared RouterOS flow.</summary>
internal sealed class MikrotikRestDialect(ILogger logger) : RouterDialect
{
    public override string Transport => "RouterOS REST";

    public override string NoMatch => "no matching hotspot, PPP or DHCP session";

    public override string Describe(IReadOnlyList<RouterSession> removed)
    {
        int hotspot = removed.Count(s => s.Table == RouterSessionTable.Hotspot);
        int ppp = removed.Count(s => s.Table == RouterSessionTable.Ppp);
        return $"{hotspot} hotspot, {ppp} PPP and {removed.Count - hotspot - ppp} DHCP sessions";
    }

    /// <summary>The error body's <c>detail</c> (RouterOS's own text), else its <c>message</c>.</summary>
    public override string RefusalText(RouterOsException refused)
        => refused is RouterOsRestException rest ? rest.Detail ?? rest.RouterMessage : refused.Message;

    public override string RemoveRefusal(RouterOsException refused) => refused is RouterOsRestException rest
        ? $"router refused the remove ({rest.Status} {rest.RouterMessage}{(rest.Detail is null ? "" : ": " + rest.Detail)})"
        : base.RemoveRefusal(refused);

    public override void SessionsRemoved(string nas, int removed, IReadOnlyList<RouterSession> matches, string detail)
        => MikrotikRestLog.SessionsRemoved(logger, nas, removed, matches.Count, detail);

    public override void RemoveRefused(string nas, RouterSession session, RouterOsException refused)
        => MikrotikRestLog.RemoveRefused(logger, nas, session.Table, session.Id, session.User, (refused as RouterOsRestException)?.Status ?? 0,
            (refused as RouterOsRestException)?.Detail);

    public override void RouterUnavailable(string nas, string cause, string reason) => MikrotikRestLog.RouterUnavailable(logger, nas, cause, reason);

    public override void DeadlineReached(string nas) => MikrotikRestLog.DeadlineReached(logger, nas);

    public override void CookieRemovalFailed(string nas, string? user, string reason) => MikrotikRestLog.CookieRemovalFailed(logger, nas, user, reason);

    public override void RateChanged(string nas, RouterSession session, string rate)
        => MikrotikRestLog.RateChanged(logger, nas, session.User, session.Table, rate, session.QueueName);

    public override void RateNotApplied(string nas, string? user, string reason) => MikrotikRestLog.RateNotApplied(logger, nas, user, reason);

    public override void ForwardingCoa(string nas, IPEndPoint endpoint) => MikrotikRestLog.ForwardingCoa(logger, nas, endpoint);
}
