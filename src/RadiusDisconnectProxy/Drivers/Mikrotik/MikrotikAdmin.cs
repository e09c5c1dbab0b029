using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// <c>nas test</c> (RADIUSdesk's "Test API Connection": log in, print <c>/system/resource/print</c>) and
/// <c>sessions list|kick</c> over the RouterOS API, one short-lived connection per call.
/// </summary>
internal sealed class MikrotikAdmin : INasAdmin
{
    private static readonly MikrotikClientCache s_options = new() { ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(15) };

    public Task<IReadOnlyList<KeyValuePair<string, string>>> TestConnectionAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, _) =>
        {
            Response response = await client.ExecuteAsync(new Command("/system/resource/print"), cancellationToken);
            return (IReadOnlyList<KeyValuePair<string, string>>)[.. response.Rows.FirstOrDefault()?.Properties ?? new Dictionary<string, string>()];
        });

    public Task<IReadOnlyList<NasSession>> ListSessionsAsync(NasTarget nas, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, _) =>
            (IReadOnlyList<NasSession>)[.. (await new RouterSessions(client).ListAsync(cancellationToken)).Select(ToNasSession)]);

    /// <summary>Removes the matches and, with <c>remove_cookies</c>, the hotspot users' cookies.</summary>
    public Task<IReadOnlyList<NasSession>> KickAsync(NasTarget nas, SessionSelector selector, CancellationToken cancellationToken) =>
        RunAsync(nas, async (client, settings) =>
        {
            var sessions = new RouterSessions(client);
            IReadOnlyList<ActiveSession> matches = selector.Id is { } itemId
                ? [.. (await sessions.ListAsync(cancellationToken)).Where(s => s.Id == itemId)]
                : await sessions.FindAsync(SessionQuery.From(new SessionKeys
                {
                    UserName = selector.User,
                    CallingStationId = selector.Mac,
                    FramedIpAddress = selector.Address,
                }), cancellationToken);
            foreach (ActiveSession session in matches)
            {
                await sessions.RemoveAsync(session, cancellationToken);
                if (session.Table == SessionTable.Hotspot && session.User is { } user && settings.RemoveCookies)
                {
                    await sessions.RemoveCookiesAsync(user, cancellationToken);
                }
            }

            return (IReadOnlyList<NasSession>)[.. matches.Select(ToNasSession)];
        });

    private static NasSession ToNasSession(ActiveSession s) =>
        new(s.Id, s.Table.ToString().ToLowerInvariant(), s.User, s.Address, s.Mac, s.Uptime, s.Service);

    private static async Task<T> RunAsync<T>(NasTarget nas, Func<RouterOsClient, MikrotikNasSettings, Task<T>> body)
    {
        var settings = (MikrotikNasSettings)nas.Settings;
        await using var client = new RouterOsClient(s_options.CreateOptions(settings) with { MaxConnections = 1 });
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
