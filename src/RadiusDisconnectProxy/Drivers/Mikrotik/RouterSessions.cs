using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>Session operations on one router, shared by the driver and the CLI. Failures surface as RouterOS exceptions.</summary>
public sealed class RouterSessions
{
    private readonly RouterOsClient _client;

    public RouterSessions(RouterOsClient client)
    {
        _client = client;
    }

    /// <summary>Every active hotspot and PPP session.</summary>
    public async Task<IReadOnlyList<ActiveSession>> ListAsync(CancellationToken cancellationToken)
    {
        Task<Response> hotspot = _client.ExecuteAsync(new Command("/ip/hotspot/active/print").Proplist(ActiveSession.Proplist), cancellationToken);
        Task<Response> ppp = _client.ExecuteAsync(new Command("/ppp/active/print").Proplist(ActiveSession.Proplist), cancellationToken);
        await Task.WhenAll(hotspot, ppp);
        return [.. hotspot.Result.Rows.Select(r => ActiveSession.FromRow(SessionTable.Hotspot, r)),
            .. ppp.Result.Rows.Select(r => ActiveSession.FromRow(SessionTable.Ppp, r))];
    }

    /// <summary>The sessions matching the query, hotspot and PPP looked up at once (tagged commands on one connection).</summary>
    public async Task<IReadOnlyList<ActiveSession>> FindAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Task<Response>? hotspot = query.HotspotPrint() is { } h ? _client.ExecuteAsync(h, cancellationToken) : null;
        Task<Response>? ppp = query.PppPrint() is { } p ? _client.ExecuteAsync(p, cancellationToken) : null;
        // Wait for both before reading either, so a failure of one never leaves the other unobserved.
        await Task.WhenAll(new[] { hotspot, ppp }.OfType<Task<Response>>());
        var sessions = new List<ActiveSession>();
        if (hotspot is not null)
        {
            sessions.AddRange((await hotspot).Rows.Select(r => ActiveSession.FromRow(SessionTable.Hotspot, r)));
        }

        if (ppp is not null)
        {
            sessions.AddRange((await ppp).Rows.Select(r => ActiveSession.FromRow(SessionTable.Ppp, r)));
        }

        return sessions;
    }

    /// <summary>Removes the session; false when it was already gone ("no such item" after the print: a race, not a failure).</summary>
    public async Task<bool> RemoveAsync(ActiveSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        string path = session.Table == SessionTable.Hotspot ? "/ip/hotspot/active/remove" : "/ppp/active/remove";
        try
        {
            await _client.ExecuteAsync(new Command(path).Attribute(".id", session.Id), cancellationToken);
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
        Response cookies = await _client.ExecuteAsync(
            new Command("/ip/hotspot/cookie/print").Proplist(".id", "user").WhereEquals("user", user), cancellationToken);
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
}
