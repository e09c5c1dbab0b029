using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// <c>nas test</c> (<c>/system/resource</c>, as RADIUSdesk's "Test" buttons do) and <c>sessions list|kick</c> for both
/// RouterOS types, each call on a short-lived client of the type's transport.
/// </summary>
internal abstract class RouterAdmin<TSettings> : INasAdmin
    where TSettings : RouterOsNasSettings
{
    public Task<IReadOnlyList<KeyValuePair<string, string>>> TestConnectionAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async sessions => (IReadOnlyList<KeyValuePair<string, string>>)[.. await sessions.SystemResourceAsync(cancellationToken)]);

    public Task<IReadOnlyList<NasSession>> ListSessionsAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async sessions => (IReadOnlyList<NasSession>)[.. (await sessions.ListAsync(cancellationToken)).Select(ToNasSession)]);

    /// <summary>Removes the matches and, with <c>remove_cookies</c>, the hotspot users' cookies.</summary>
    public Task<IReadOnlyList<NasSession>> KickAsync(NasTarget nas, SessionSelector selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var settings = (TSettings)nas.Settings;
        return RunAsync(nas, async sessions =>
        {
            IReadOnlyList<RouterSession> matches = selector.Id is { } itemId
                ? [.. (await sessions.ListAsync(cancellationToken)).Where(s => s.Id == itemId)]
                : await sessions.FindAsync(RouterSessionQuery.From(new SessionKeys
                {
                    UserName = selector.User,
                    CallingStationId = selector.Mac,
                    FramedIpAddress = selector.Address,
                }), default, cancellationToken);
            foreach (RouterSession session in matches)
            {
                await sessions.RemoveAsync(session, cancellationToken);
                if (session.Table == RouterSessionTable.Hotspot && session.User is { } user && settings.RemoveCookies)
                {
                    await sessions.RemoveCookiesAsync(user, cancellationToken);
                }
            }

            return (IReadOnlyList<NasSession>)[.. matches.Select(ToNasSession)];
        });
    }

    /// <summary>A short-lived client for one operator command, and what closes it.</summary>
    protected abstract (IRouterSessions Sessions, IAsyncDisposable Client) Open(TSettings settings);

    private static NasSession ToNasSession(RouterSession s) =>
        new(s.Id, s.Table == RouterSessionTable.DhcpLease ? "dhcp" : s.Table.ToString().ToLowerInvariant(), s.User, s.Address, s.Mac, s.Uptime,
            s.Service);

    private async Task<T> RunAsync<T>(NasTarget nas, Func<IRouterSessions, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(nas);
        (IRouterSessions sessions, IAsyncDisposable client) = Open((TSettings)nas.Settings);
        await using (client)
        {
            try
            {
                return await body(sessions);
            }
            catch (RouterOsException e)
            {
                throw new NasAdminException(e.Message, e);
            }
        }
    }
}
