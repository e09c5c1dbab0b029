using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Rest;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// Session operations on one router over REST, for the shared flow and the operator commands: one filtered
/// <c>GET</c> print per table searched (query-string keys are AND-ed equality filters, <c>.proplist</c> keeps the answer
/// short), <c>DELETE …/*ID</c> per match. Failures surface as RouterOS exceptions (<see cref="RouterOsRestException"/>
/// for an error answer).
/// </summary>
public sealed class RestRouterSessions : IRouterSessions
{
    /// <summary>The properties printed for every table (names a table lacks are simply absent from its rows).</summary>
    private static readonly string[] s_proplist =
        [".id", "user", "name", "address", "mac-address", "caller-id", "uptime", "server", "service", "session-id", "host-name"];

    private static readonly string[] s_queueProplist = [".id", "name", "max-limit", "dynamic"];
    private static readonly string[] s_cookieProplist = [".id", "user"];

    private readonly RouterOsRestClient _client;

    public RestRouterSessions(RouterOsRestClient client)
    {
        _client = client;
    }

    public async Task<IReadOnlyList<RouterSession>> ListAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<RouterSession>> hotspot = PrintAsync(RouterSessionTable.Hotspot, null, cancellationToken);
        Task<IReadOnlyList<RouterSession>> ppp = PrintAsync(RouterSessionTable.Ppp, null, cancellationToken);
        await Task.WhenAll(hotspot, ppp);
        return [.. hotspot.Result, .. ppp.Result];
    }

    /// <summary>
    /// The sessions matching the query. A request that says PPP (Framed-Protocol = PPP) searches only <c>/ppp/active</c>;
    /// otherwise hotspot and PPP are looked up at once (two requests in flight on pooled connections), with DHCP leases
    /// at the same time for an Ethernet session, or afterwards when neither table holds a match (docs/mikrotik-rest.md).
    /// </summary>
    public async Task<IReadOnlyList<RouterSession>> FindAsync(RouterSessionQuery query, SessionHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (hints.Ppp)
        {
            return query.Filters(RouterSessionTable.Ppp) is { } only ? await PrintAsync(RouterSessionTable.Ppp, only, cancellationToken) : [];
        }

        Task<IReadOnlyList<RouterSession>>? hotspot = query.Filters(RouterSessionTable.Hotspot) is { } h
            ? PrintAsync(RouterSessionTable.Hotspot, h, cancellationToken) : null;
        Task<IReadOnlyList<RouterSession>>? ppp = query.Filters(RouterSessionTable.Ppp) is { } p
            ? PrintAsync(RouterSessionTable.Ppp, p, cancellationToken) : null;
        Task<IReadOnlyList<RouterSession>>? lease = hints.Ethernet && query.Filters(RouterSessionTable.DhcpLease) is { } l
            ? PrintAsync(RouterSessionTable.DhcpLease, l, cancellationToken) : null;
        // Wait for all before reading any, so a failure of one never leaves another unobserved.
        await Task.WhenAll(new[] { hotspot, ppp, lease }.OfType<Task<IReadOnlyList<RouterSession>>>());
        var sessions = new List<RouterSession>();
        foreach (Task<IReadOnlyList<RouterSession>>? found in new[] { hotspot, ppp, lease })
        {
            if (found is not null)
            {
                sessions.AddRange(await found);
            }
        }

        if (sessions.Count == 0 && !hints.Ethernet && query.Filters(RouterSessionTable.DhcpLease) is { } leaseFilters)
        {
            sessions.AddRange(await PrintAsync(RouterSessionTable.DhcpLease, leaseFilters, cancellationToken));
        }

        return sessions;
    }

    /// <summary><c>DELETE</c>; true when removed, false when it was already gone (404: a race, not a failure).</summary>
    public async Task<bool> RemoveAsync(RouterSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await _client.DeleteAsync(PathOf(session.Table), session.Id, cancellationToken) == RestRemoveResult.Removed;
    }

    public async Task<int> RemoveCookiesAsync(string user, CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> cookies = await _client.GetAsync("ip/hotspot/cookie", [new("user", user)], s_cookieProplist, cancellationToken);
        int removed = 0;
        foreach (Row cookie in cookies)
        {
            if (cookie.Id is { Length: > 0 } id && await _client.DeleteAsync("ip/hotspot/cookie", id, cancellationToken) == RestRemoveResult.Removed)
            {
                removed++;
            }
        }

        return removed;
    }

    public async Task<Row?> FindQueueAsync(string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows = await _client.GetAsync("queue/simple", [new("name", name)], s_queueProplist, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>PATCH /rest/queue/simple/&lt;id&gt;</c>.</summary>
    public Task SetQueueAsync(string id, IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
        => _client.PatchAsync("queue/simple", id, properties, cancellationToken);

    /// <summary><c>GET /rest/system/resource</c>, RADIUSdesk's REST "Test".</summary>
    public async Task<IReadOnlyDictionary<string, string>> SystemResourceAsync(CancellationToken cancellationToken)
        => (await _client.GetOneAsync("system/resource", cancellationToken))?.Properties ?? new Dictionary<string, string>();

    private static string PathOf(RouterSessionTable table) => table switch
    {
        RouterSessionTable.Hotspot => "ip/hotspot/active",
        RouterSessionTable.Ppp => "ppp/active",
        _ => "ip/dhcp-server/lease",
    };

    private async Task<IReadOnlyList<RouterSession>> PrintAsync(RouterSessionTable table, IReadOnlyList<KeyValuePair<string, string>>? filters,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows;
        try
        {
            rows = await _client.GetAsync(PathOf(table), filters, s_proplist, cancellationToken);
        }
        catch (RouterOsRestException e) when (e.Detail?.Contains("no such command", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A router without that menu (no hotspot or DHCP server configured in a package-less build) has no such sessions.
            return [];
        }

        var sessions = new List<RouterSession>(rows.Count);
        foreach (Row row in rows)
        {
            sessions.Add(RouterSession.FromRow(table, row));
        }

        return sessions;
    }
}
