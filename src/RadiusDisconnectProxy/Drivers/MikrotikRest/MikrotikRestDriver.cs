using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// NAS <c>type = Mikrotik-Rest-API</c> (docs/mikrotik-rest.md): Disconnect-Requests remove every matching row of
/// <c>/ip/hotspot/active</c>, <c>/ppp/active</c> and, for Ethernet subscribers, <c>/ip/dhcp-server/lease</c> over
/// RouterOS v7 REST; CoAs are forwarded to the router's own RADIUS incoming service (with <c>coa_port</c>/<c>secret</c>)
/// or applied to the session's dynamic simple queue. Answers follow docs/contracts.md; nothing is thrown for expected
/// failures.
/// </summary>
public sealed partial class MikrotikRestDriver : INasDriver
{
    public const string TypeName = "Mikrotik-Rest-API";

    private readonly RestClientCache _clients;
    private readonly IRouterCoaForwarder? _coaForwarder;
    private readonly ILogger<MikrotikRestDriver> _logger;

    public MikrotikRestDriver(RestClientCache clients, ILogger<MikrotikRestDriver> logger, IRouterCoaForwarder? coaForwarder = null)
    {
        _clients = clients;
        _logger = logger;
        _coaForwarder = coaForwarder;
    }

    public string Type => TypeName;

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not MikrotikRestNasSettings settings)
        {
            return DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no Mikrotik-Rest-API settings");
        }

        try
        {
            return request.IsDisconnect
                ? await DisconnectAsync(request, nas, settings, cancellationToken)
                : await ChangeAuthorizationAsync(request, nas, settings, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MikrotikRestLog.DeadlineReached(_logger, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "router did not answer before the request deadline");
        }
        catch (RouterOsException e)
        {
            // Unreachable, refused certificate, timed out, bad credentials (401), or a refused lookup: the router cannot
            // serve us now (docs/contracts.md: NAK 506).
            MikrotikRestLog.RouterUnavailable(_logger, nas.Name, e.Cause.ToString(), e.Message);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, e.Message);
        }
    }

    /// <summary>
    /// The sessions a request names on this router, or the NAK that ends it: 402 without usable keys, 503 when nothing
    /// matches, 508 when several match and the NAS says <c>multiple_sessions = reject</c> (RFC 5176 §3).
    /// </summary>
    private static async Task<(IReadOnlyList<RestSession> Matches, DriverResult? Refusal)> FindTargetsAsync(
        DynamicAuthorizationRequest request, RestRouterSessions sessions, MikrotikRestNasSettings settings, CancellationToken cancellationToken)
    {
        var query = RestSessionQuery.From(request.Keys);
        if (!query.IsUsable)
        {
            return ([], DriverResult.Nak(ErrorCause.MissingAttribute, "no User-Name, Acct-Session-Id, Calling-Station-Id or Framed-IP-Address"));
        }

        IReadOnlyList<RestSession> matches = await sessions.FindAsync(query, EthernetSession.IsNamedBy(request.Packet), cancellationToken);
        if (matches.Count == 0)
        {
            return (matches, DriverResult.Nak(ErrorCause.SessionContextNotFound, "no matching hotspot, PPP or DHCP session"));
        }

        return matches.Count > 1 && settings.MultipleSessions == MultipleSessionsPolicy.Reject
            ? (matches, DriverResult.Nak(ErrorCause.MultipleSessionSelectionUnsupported, $"{matches.Count} sessions match"))
            : (matches, null);
    }

    private async Task<DriverResult> DisconnectAsync(DynamicAuthorizationRequest request, NasTarget nas, MikrotikRestNasSettings settings,
        CancellationToken cancellationToken)
    {
        var sessions = new RestRouterSessions(_clients.Get(nas, settings));
        (IReadOnlyList<RestSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        // Every match is removed (RADIUSdesk removes only the first); each DELETE must be 2xx, or 404 (gone already).
        Task<bool>[] removals = matches.Select(s => sessions.RemoveAsync(s, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(removals);
        }
        catch (RouterOsRestException)
        {
            // Reported per session below.
        }

        for (int i = 0; i < removals.Length; i++)
        {
            if (removals[i].Exception?.InnerException is RouterOsRestException { Cause: RouterOsErrorCause.Trap } refused)
            {
                MikrotikRestLog.RemoveRefused(_logger, nas.Name, matches[i].Table, matches[i].Id, matches[i].User, refused.Status, refused.Detail);
                return DriverResult.Nak(ErrorCause.SessionContextNotRemovable,
                    $"router refused the remove ({refused.Status} {refused.RouterMessage}{(refused.Detail is null ? "" : ": " + refused.Detail)})");
            }

            if (removals[i].Exception?.InnerException is { } failure)
            {
                throw failure;
            }
        }

        if (settings.RemoveCookies)
        {
            await RemoveCookiesAsync(nas, sessions, matches, cancellationToken);
        }

        int removed = removals.Count(r => r.Result);
        string detail = Describe(matches);
        MikrotikRestLog.SessionsRemoved(_logger, nas.Name, removed, matches.Count, detail);
        return DriverResult.Ack("removed " + detail);
    }

    private static string Describe(IReadOnlyList<RestSession> matches)
    {
        int hotspot = matches.Count(s => s.Table == RestSessionTable.Hotspot);
        int ppp = matches.Count(s => s.Table == RestSessionTable.Ppp);
        int leases = matches.Count - hotspot - ppp;
        return $"{hotspot} hotspot, {ppp} PPP and {leases} DHCP sessions";
    }

    /// <summary>
    /// After a hotspot remove, the user's cookies go too, else the device logs straight back in (docs/mikrotik.md).
    /// The sessions are already gone, so a failure here is logged, not answered with a NAK.
    /// </summary>
    private async Task RemoveCookiesAsync(NasTarget nas, RestRouterSessions sessions, IReadOnlyList<RestSession> removed,
        CancellationToken cancellationToken)
    {
        foreach (string? user in removed.Where(s => s.Table == RestSessionTable.Hotspot).Select(s => s.User).Distinct(StringComparer.Ordinal))
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
                MikrotikRestLog.CookieRemovalFailed(_logger, nas.Name, user, e.Message);
            }
        }
    }
}
