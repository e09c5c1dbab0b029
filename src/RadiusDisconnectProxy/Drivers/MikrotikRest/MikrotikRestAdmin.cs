using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// <c>nas test</c> (<c>GET /rest/system/resource</c>, as RADIUSdesk's REST "Test" does) and <c>sessions list|kick</c>
/// over RouterOS REST, one short-lived client per call.
/// </summary>
internal sealed class MikrotikRestAdmin : INasAdmin
{
    private static readonly RestClientCache s_options = new() { ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(15) };

    public Task<IReadOnlyList<KeyValuePair<string, string>>> TestConnectionAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, _) =>
        {
            Row? resource = await client.GetOneAsync("system/resource", cancellationToken);
            return (IReadOnlyList<KeyValuePair<string, string>>)[.. resource?.Properties ?? new Dictionary<string, string>()];
        });

    public Task<IReadOnlyList<NasSession>> ListSessionsAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, _) =>
            (IReadOnlyList<NasSession>)[.. (await new RestRouterSessions(client).ListAsync(cancellationToken)).Select(ToNasSession)]);

    /// <summary>Removes the matches and, with <c>remove_cookies</c>, the hotspot users' cookies.</summary>
    public Task<IReadOnlyList<NasSession>> KickAsync(NasTarget nas, SessionSelector selector, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, settings) =>
        {
            var sessions = new RestRouterSessions(client);
            IReadOnlyList<RestSession> matches = selector.Id is { } itemId
                ? [.. (await sessions.ListAsync(cancellationToken)).Where(s => s.Id == itemId)]
                : await sessions.FindAsync(RestSessionQuery.From(new SessionKeys
                {
                    UserName = selector.User,
                    CallingStationId = selector.Mac,
                    FramedIpAddress = selector.Address,
                }), ethernet: false, cancellationToken);
            foreach (RestSession session in matches)
            {
                await sessions.RemoveAsync(session, cancellationToken);
                if (session.Table == RestSessionTable.Hotspot && session.User is { } user && settings.RemoveCookies)
                {
                    await sessions.RemoveCookiesAsync(user, cancellationToken);
                }
            }

            return (IReadOnlyList<NasSession>)[.. matches.Select(ToNasSession)];
        });

    private static NasSession ToNasSession(RestSession s) =>
        new(s.Id, s.Table == RestSessionTable.DhcpLease ? "dhcp" : s.Table.ToString().ToLowerInvariant(), s.User, s.Address, s.Mac, s.Uptime, s.Service);

    private static async Task<T> RunAsync<T>(NasTarget nas, Func<RouterOsRestClient, MikrotikRestNasSettings, Task<T>> body)
    {
        var settings = (MikrotikRestNasSettings)nas.Settings;
        using var client = new RouterOsRestClient(s_options.CreateOptions(settings) with { MaxConnections = 2 });
        try
        {
            return await body(client, settings);
        }
        catch (RouterOsException e)
        {
            throw new NasAdminException(e.Message, e);
        }
    }
}
