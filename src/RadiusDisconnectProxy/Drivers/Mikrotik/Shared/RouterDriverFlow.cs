using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// The one request flow of both RouterOS types (docs/contracts.md): find the sessions the request names, answer 402 /
/// 503 / 508 where it must, remove every match (each remove confirmed, or the row already gone) and the hotspot users'
/// cookies, or apply a CoA; router failures become NAK 506. The transport (binary API or REST) is an
/// <see cref="IRouterSessions"/>; the texts and log events are the type's <see cref="RouterDialect"/>. Nothing is thrown
/// for expected failures.
/// </summary>
public sealed partial class RouterDriverFlow
{
    private readonly RouterDialect _dialect;
    private readonly IRouterCoaForwarder? _coaForwarder;

    public RouterDriverFlow(RouterDialect dialect, IRouterCoaForwarder? coaForwarder)
    {
        _dialect = dialect;
        _coaForwarder = coaForwarder;
    }

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, RouterOsNasSettings settings,
        Func<IRouterSessions> sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sessions);
        try
        {
            return request.IsDisconnect
                ? await DisconnectAsync(request, nas, settings, sessions(), cancellationToken)
                : await ChangeAuthorizationAsync(request, nas, settings, sessions, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _dialect.DeadlineReached(nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "router did not answer before the request deadline");
        }
        catch (RouterOsException e)
        {
            // Unreachable, refused certificate, timed out, dropped, !fatal, bad credentials, or a refused lookup: the
            // router cannot serve us now (docs/contracts.md: NAK 506).
            _dialect.RouterUnavailable(nas.Name, e.Cause.ToString(), e.Message);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, e.Message);
        }
    }

    /// <summary>
    /// The sessions a request names on this router, or the NAK that ends it: 402 without usable keys, 503 when nothing
    /// matches, 508 when several match and the NAS says <c>multiple_sessions = reject</c> (RFC 5176 §3).
    /// </summary>
    private async Task<(IReadOnlyList<RouterSession> Matches, DriverResult? Refusal)> FindTargetsAsync(
        DynamicAuthorizationRequest request, IRouterSessions sessions, RouterOsNasSettings settings, CancellationToken cancellationToken)
    {
        var query = RouterSessionQuery.From(request.Keys);
        if (!query.IsUsable)
        {
            return ([], DriverResult.Nak(ErrorCause.MissingAttribute, "no User-Name, Acct-Session-Id, Calling-Station-Id or Framed-IP-Address"));
        }

        IReadOnlyList<RouterSession> matches = await sessions.FindAsync(query, SessionHints.Of(request.Packet), cancellationToken);
        if (matches.Count == 0)
        {
            return (matches, DriverResult.Nak(ErrorCause.SessionContextNotFound, _dialect.NoMatch));
        }

        return matches.Count > 1 && settings.MultipleSessions == MultipleSessionsPolicy.Reject
            ? (matches, DriverResult.Nak(ErrorCause.MultipleSessionSelectionUnsupported, $"{matches.Count} sessions match"))
            : (matches, null);
    }

    private async Task<DriverResult> DisconnectAsync(DynamicAuthorizationRequest request, NasTarget nas, RouterOsNasSettings settings,
        IRouterSessions sessions, CancellationToken cancellationToken)
    {
        (IReadOnlyList<RouterSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        // Every match is removed (RADIUSdesk removes only the first PPP one); each remove must be confirmed, or the row
        // already gone, before the ACK.
        var removals = new Task<bool>[matches.Count];
        for (int i = 0; i < removals.Length; i++)
        {
            removals[i] = sessions.RemoveAsync(matches[i], cancellationToken);
        }

        try
        {
            await (removals.Length == 1 ? (Task)removals[0] : Task.WhenAll(removals));
        }
        catch (RouterOsException)
        {
            // Reported per session below.
        }

        for (int i = 0; i < removals.Length; i++)
        {
            if (removals[i].Exception?.InnerException is RouterOsException { Cause: RouterOsErrorCause.Trap } refused)
            {
                _dialect.RemoveRefused(nas.Name, matches[i], refused);
                return DriverResult.Nak(ErrorCause.SessionContextNotRemovable, _dialect.RemoveRefusal(refused));
            }

            if (removals[i].Exception?.InnerException is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }

        if (settings.RemoveCookies)
        {
            await RemoveCookiesAsync(nas, sessions, matches, cancellationToken);
        }

        int removed = 0;
        foreach (Task<bool> removal in removals)
        {
            removed += removal.Result ? 1 : 0;
        }

        string detail = _dialect.Describe(matches);
        _dialect.SessionsRemoved(nas.Name, removed, matches, detail);
        return DriverResult.Ack("removed " + detail);
    }

    /// <summary>
    /// After a hotspot remove, the user's cookies go too, else the device logs straight back in (docs/mikrotik.md).
    /// The sessions are already gone, so a failure here is logged, not answered with a NAK.
    /// </summary>
    private async Task RemoveCookiesAsync(NasTarget nas, IRouterSessions sessions, IReadOnlyList<RouterSession> removed,
        CancellationToken cancellationToken)
    {
        for (int i = 0; i < removed.Count; i++)
        {
            // Each hotspot user once, in the order of the matches.
            string? user = removed[i].Table == RouterSessionTable.Hotspot ? removed[i].User : null;
            if (string.IsNullOrEmpty(user) || SeenBefore(removed, i, user))
            {
                continue;
            }

            try
            {
                await sessions.RemoveCookiesAsync(user, cancellationToken);
            }
            catch (RouterOsException e)
            {
                _dialect.CookieRemovalFailed(nas.Name, user, e.Message);
            }
        }
    }

    private static bool SeenBefore(IReadOnlyList<RouterSession> sessions, int index, string user)
    {
        for (int j = 0; j < index; j++)
        {
            if (sessions[j].Table == RouterSessionTable.Hotspot && string.Equals(sessions[j].User, user, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
