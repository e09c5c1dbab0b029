using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>Session operations on one router over the binary API. Failures surface as RouterOS exceptions.</summary>
public sealed class RouterSessions : IRouterSessions
{
    /// <summary>The properties printed for either table (unknown names are simply absent from a row).</summary>
    private static readonly string[] s_proplist =
        [".id", "user", "name", "address", "mac-address", "caller-id", "uptime", "server", "service", "session-id"];

    /// <summary>The <c>.proplist</c> values, joined once rather than per command.</summary>
    private static readonly string s_proplistText = string.Join(',', s_proplist);

    private const string CookieProplist = ".id,user";

    private readonly RouterOsClient _client;
    private readonly bool _prefetchCookies;
    private readonly Lock _prefetchLock = new();
    private List<(string User, Task<Response> Print)>? _cookiePrints;

    /// <param name="client">The router's pooled API client.</param>
    /// <param name="prefetchCookies">
    /// The flow removes the cookies of removed hotspot users (<c>remove_cookies</c>): the cookie print then leaves in the
    /// same write as the session's remove, one round trip instead of two (the print is read-only; the cookies are still
    /// removed only after the session's remove is confirmed).
    /// </param>
    public RouterSessions(RouterOsClient client, bool prefetchCookies = false)
    {
        _client = client;
        _prefetchCookies = prefetchCookies;
    }

    /// <summary>Every active hotspot and PPP session.</summary>
    public async Task<IReadOnlyList<RouterSession>> ListAsync(CancellationToken cancellationToken)
    {
        Task<Response> hotspot = _client.ExecuteAsync(new Command("/ip/hotspot/active/print").Proplist(s_proplist), cancellationToken);
        Task<Response> ppp = _client.ExecuteAsync(new Command("/ppp/active/print").Proplist(s_proplist), cancellationToken);
        await Task.WhenAll(hotspot, ppp);
        return [.. hotspot.Result.Rows.Select(r => RouterSession.FromRow(RouterSessionTable.Hotspot, r)),
            .. ppp.Result.Rows.Select(r => RouterSession.FromRow(RouterSessionTable.Ppp, r))];
    }

    /// <summary>
    /// The sessions matching the query, hotspot and PPP looked up at once (tagged commands on one connection). The
    /// binary-API type searches both tables whatever the request hints (docs/mikrotik.md).
    /// </summary>
    public async Task<IReadOnlyList<RouterSession>> FindAsync(RouterSessionQuery query, SessionHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<KeyValuePair<string, string>>? hotspotFilters = query.Filters(RouterSessionTable.Hotspot);
        IReadOnlyList<KeyValuePair<string, string>>? pppFilters = query.Filters(RouterSessionTable.Ppp);
        var sessions = new List<RouterSession>();
        if (hotspotFilters is not null && pppFilters is not null)
        {
            // One write, one connection: both replies usually arrive in the same read.
            (Response hotspot, Response ppp) = await _client.ExecuteTogetherAsync(
                Print("/ip/hotspot/active/print", hotspotFilters), Print("/ppp/active/print", pppFilters), cancellationToken);
            AddRows(sessions, RouterSessionTable.Hotspot, hotspot);
            AddRows(sessions, RouterSessionTable.Ppp, ppp);
        }
        else if (hotspotFilters is not null)
        {
            AddRows(sessions, RouterSessionTable.Hotspot, await _client.ExecuteAsync(Print("/ip/hotspot/active/print", hotspotFilters), cancellationToken));
        }
        else if (pppFilters is not null)
        {
            AddRows(sessions, RouterSessionTable.Ppp, await _client.ExecuteAsync(Print("/ppp/active/print", pppFilters), cancellationToken));
        }

        return sessions;
    }

    private static void AddRows(List<RouterSession> sessions, RouterSessionTable table, Response response)
    {
        foreach (Row row in response.Rows)
        {
            sessions.Add(RouterSession.FromRow(table, row));
        }
    }

    /// <summary>Removes the session; false when it was already gone ("no such item" after the print: a race, not a failure).</summary>
    public async Task<bool> RemoveAsync(RouterSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        bool hotspot = session.Table == RouterSessionTable.Hotspot;
        var remove = new Command(hotspot ? "/ip/hotspot/active/remove" : "/ppp/active/remove").Attribute(".id", session.Id);
        try
        {
            if (hotspot && _prefetchCookies && !string.IsNullOrEmpty(session.User) && !HasCookiePrint(session.User))
            {
                (Task<Response> removed, Task<Response> cookies) = await _client.SendTogetherAsync(remove, CookiePrint(session.User), cancellationToken);
                lock (_prefetchLock)
                {
                    (_cookiePrints ??= []).Add((session.User, cookies));
                }

                try
                {
                    await removed;
                }
                catch (RouterOsException e) when (e.SilentLoss && !cancellationToken.IsCancellationRequested)
                {
                    // The pooled connection had died while idle: once more on a fresh one, as ExecuteAsync does.
                    await _client.ExecuteAsync(remove, cancellationToken);
                }
            }
            else
            {
                await _client.ExecuteAsync(remove, cancellationToken);
            }

            return true;
        }
        catch (RouterOsTrapException trap) when (trap.IsNoSuchItem)
        {
            return false;
        }
    }

    /// <summary>Deletes the user's hotspot cookies so the device does not log straight back in; returns how many.</summary>
    public async Task<int> RemoveCookiesAsync(string user, CancellationToken cancellationToken)
    {
        Response cookies;
        if (TakeCookiePrint(user) is { } prefetched)
        {
            try
            {
                cookies = await prefetched;
            }
            catch (RouterOsException e) when (e.SilentLoss && !cancellationToken.IsCancellationRequested)
            {
                cookies = await _client.ExecuteAsync(CookiePrint(user), cancellationToken);
            }
        }
        else
        {
            cookies = await _client.ExecuteAsync(CookiePrint(user), cancellationToken);
        }

        int removed = 0;
        foreach (Row cookie in cookies.Rows)
        {
            try
            {
                await _client.ExecuteAsync(new Command("/ip/hotspot/cookie/remove").Attribute(".id", cookie.Id ?? ""), cancellationToken);
                removed++;
            }
            catch (RouterOsTrapException trap) when (trap.IsNoSuchItem)
            {
                // Expired meanwhile.
            }
        }

        return removed;
    }

    private static Command CookiePrint(string user) =>
        new Command("/ip/hotspot/cookie/print").Attribute(".proplist", CookieProplist).WhereEquals("user", user);

    private bool HasCookiePrint(string user)
    {
        lock (_prefetchLock)
        {
            return _cookiePrints?.Exists(p => string.Equals(p.User, user, StringComparison.Ordinal)) == true;
        }
    }

    private Task<Response>? TakeCookiePrint(string user)
    {
        lock (_prefetchLock)
        {
            int index = _cookiePrints?.FindIndex(p => string.Equals(p.User, user, StringComparison.Ordinal)) ?? -1;
            if (index < 0)
            {
                return null;
            }

            Task<Response> print = _cookiePrints![index].Print;
            _cookiePrints.RemoveAt(index);
            return print;
        }
    }

    /// <summary>The simple queue of this name (the session's dynamic queue), or null.</summary>
    public async Task<Row?> FindQueueAsync(string name, CancellationToken cancellationToken)
    {
        Response response = await _client.ExecuteAsync(
            new Command("/queue/simple/print").Proplist(".id", "name", "max-limit", "dynamic").WhereEquals("name", name), cancellationToken);
        return response.Rows.FirstOrDefault();
    }

    public async Task SetQueueAsync(string id, IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var command = new Command("/queue/simple/set").Attribute(".id", id);
        foreach (KeyValuePair<string, string> property in properties)
        {
            command.Attribute(property.Key, property.Value);
        }

        await _client.ExecuteAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> SystemResourceAsync(CancellationToken cancellationToken)
    {
        Response response = await _client.ExecuteAsync(new Command("/system/resource/print"), cancellationToken);
        return response.Rows.FirstOrDefault()?.Properties ?? new Dictionary<string, string>();
    }

    /// <summary>A print of the session columns where every filter matches (consecutive query words are an AND).</summary>
    private static Command Print(string path, IReadOnlyList<KeyValuePair<string, string>> filters)
    {
        var command = new Command(path).Attribute(".proplist", s_proplistText);
        for (int i = 0; i < filters.Count; i++)
        {
            command.WhereEquals(filters[i].Key, filters[i].Value);
        }

        return command;
    }
}
