using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// NAS <c>type = Mikrotik-API</c>: carries out Disconnect-Requests by removing the matching rows of
/// <c>/ip/hotspot/active</c> and <c>/ppp/active</c> through the RouterOS API, and rate-change CoAs either through the
/// router's own RADIUS incoming service (when <c>coa_port</c> and <c>secret</c> are set) or through the session's
/// dynamic simple queue. Answers follow docs/contracts.md; nothing is thrown for expected failures.
/// </summary>
public sealed partial class MikrotikDriver : INasDriver
{
    private readonly MikrotikClientCache _clients;
    private readonly IRouterCoaForwarder? _coaForwarder;
    private readonly ILogger<MikrotikDriver> _logger;

    public MikrotikDriver(MikrotikClientCache clients, ILogger<MikrotikDriver> logger, IRouterCoaForwarder? coaForwarder = null)
    {
        _clients = clients;
        _logger = logger;
        _coaForwarder = coaForwarder;
    }

    public string Type => MikrotikNasType.TypeName;

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not MikrotikNasSettings settings)
        {
            return DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no Mikrotik settings");
        }

        try
        {
            return request.IsDisconnect
                ? await DisconnectAsync(request, nas, settings, cancellationToken)
                : await ChangeAuthorizationAsync(request, nas, settings, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MikrotikLog.DeadlineReached(_logger, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "router did not answer before the request deadline");
        }
        catch (RouterOsException e)
        {
            // Unreachable, timed out, dropped, !fatal, login refused, or a refused lookup: the router cannot serve us now.
            MikrotikLog.RouterUnavailable(_logger, nas.Name, e.Cause.ToString(), e.Message);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, e.Message);
        }
    }

    /// <summary>
    /// The sessions a request names on this router, or the NAK that ends it: 402 without usable keys, 503 when nothing
    /// matches, 508 when several match and the NAS says <c>multiple_sessions = reject</c> (RFC 5176 §3).
    /// </summary>
    private static async Task<(IReadOnlyList<ActiveSession> Matches, DriverResult? Refusal)> FindTargetsAsync(
        DynamicAuthorizationRequest request, RouterSessions sessions, MikrotikNasSettings settings, CancellationToken cancellationToken)
    {
        var query = SessionQuery.From(request.Keys);
        if (!query.IsUsable)
        {
            return ([], DriverResult.Nak(ErrorCause.MissingAttribute, "no User-Name, Acct-Session-Id, Calling-Station-Id or Framed-IP-Address"));
        }

        IReadOnlyList<ActiveSession> matches = await sessions.FindAsync(query, cancellationToken);
        if (matches.Count == 0)
        {
            return (matches, DriverResult.Nak(ErrorCause.SessionContextNotFound, "no matching hotspot or PPP session"));
        }

        return matches.Count > 1 && settings.MultipleSessions == MultipleSessionsPolicy.Reject
            ? (matches, DriverResult.Nak(ErrorCause.MultipleSessionSelectionUnsupported, $"{matches.Count} sessions match"))
            : (matches, null);
    }

    private async Task<DriverResult> DisconnectAsync(DynamicAuthorizationRequest request, NasTarget nas, MikrotikNasSettings settings,
        CancellationToken cancellationToken)
    {
        var sessions = new RouterSessions(_clients.Get(nas, settings));
        (IReadOnlyList<ActiveSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        // Every remove must be confirmed (or the row already gone) before the ACK.
        Task<bool>[] removals = matches.Select(s => sessions.RemoveAsync(s, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(removals);
        }
        catch (RouterOsTrapException)
        {
            // Reported per session below.
        }

        for (int i = 0; i < removals.Length; i++)
        {
            if (removals[i].Exception?.InnerException is RouterOsTrapException trap)
            {
                MikrotikLog.RemoveRefused(_logger, nas.Name, matches[i].Id, matches[i].User, trap.RouterMessage);
                return DriverResult.Nak(ErrorCause.SessionContextNotRemovable, "router refused the remove: " + trap.RouterMessage);
            }
        }

        if (settings.RemoveCookies)
        {
            await RemoveCookiesAsync(nas, sessions, matches, cancellationToken);
        }

        int hotspot = matches.Count(s => s.Table == SessionTable.Hotspot);
        int removed = removals.Count(r => r.Result);
        MikrotikLog.SessionsRemoved(_logger, nas.Name, removed, matches.Count, hotspot, matches.Count - hotspot);
        return DriverResult.Ack($"removed {hotspot} hotspot and {matches.Count - hotspot} PPP sessions");
    }

    /// <summary>
    /// After a hotspot remove, the user's cookies go too, else the device logs straight back in (docs/mikrotik.md).
    /// The sessions are already gone, so a failure here is logged, not answered with a NAK.
    /// </summary>
    private async Task RemoveCookiesAsync(NasTarget nas, RouterSessions sessions, IReadOnlyList<ActiveSession> removed,
        CancellationToken cancellationToken)
    {
        foreach (string? user in removed.Where(s => s.Table == SessionTable.Hotspot).Select(s => s.User).Distinct(StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(user))
            {
                continue;
            }

            try
            {
                await sessions.RemoveCookiesAsync(user, cancellationToken);
            }
            catch (RouterOsException e)
            {
                MikrotikLog.CookieRemovalFailed(_logger, nas.Name, user, e.Message);
            }
        }
    }
}
