using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Rest;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// Session operations on one router over REST, shared by the driver and the operator commands. Failures surface as
/// RouterOS exceptions (<see cref="RouterOsRestException"/> for an error answer).
/// </summary>
public sealed class RestRouterSessions
{
    private static readonly string[] s_queueProplist = [".id", "name", "max-limit", "dynamic"];
    private static readonly string[] s_cookieProplist = [".id", "user"];

    private readonly RouterOsRestClient _client;

    public RestRouterSessions(RouterOsRestClient client)
    {
        _client = client;
    }

    /// <summary>Every active hotspot and PPP session (leases are not sessions to list).</summary>
    public async Task<IReadOnlyList<RestSession>> ListAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<RestSession>> hotspot = PrintAsync(RestSessionTable.Hotspot, null, cancellationToken);
        Task<IReadOnlyList<RestSession>> ppp = PrintAsync(RestSessionTable.Ppp, null, cancellationToken);
        await Task.WhenAll(hotspot, ppp);
        return [.. hotspot.Result, .. ppp.Result];
    }

    /// <summary>
    /// The sessions matching the query: hotspot and PPP looked up at once (two requests in flight on pooled connections);
    /// DHCP leases for an Ethernet session (<paramref name="ethernet"/>) or when neither holds a match.
    /// </summary>
    public async Task<IReadOnlyList<RestSession>> FindAsync(RestSessionQuery query, bool ethernet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Task<IReadOnlyList<RestSession>>? hotspot = query.Filters(RestSessionTable.Hotspot) is { } h
            ? PrintAsync(RestSessionTable.Hotspot, h, cancellationToken) : null;
        Task<IReadOnlyList<RestSession>>? ppp = query.Filters(RestSessionTable.Ppp) is { } p
            ? PrintAsync(RestSessionTable.Ppp, p, cancellationToken) : null;
        Task<IReadOnlyList<RestSession>>? lease = ethernet && query.Filters(RestSessionTable.DhcpLease) is { } l
            ? PrintAsync(RestSessionTable.DhcpLease, l, cancellationToken) : null;
        // Wait for all before reading any, so a failure of one never leaves another unobserved.
        await Task.WhenAll(new[] { hotspot, ppp, lease }.OfType<Task<IReadOnlyList<RestSession>>>());
        var sessions = new List<RestSession>();
        foreach (Task<IReadOnlyList<RestSession>>? found in new[] { hotspot, ppp, lease })
        {
            if (found is not null)
            {
                sessions.AddRange(await found);
            }
        }

        if (sessions.Count == 0 && !ethernet && query.Filters(RestSessionTable.DhcpLease) is { } leaseFilters)
        {
            sessions.AddRange(await PrintAsync(RestSessionTable.DhcpLease, leaseFilters, cancellationToken));
        }

        return sessions;
    }

    /// <summary><c>DELETE</c>; true when removed, false when it was already gone (404: a race, not a failure).</summary>
    public async Task<bool> RemoveAsync(RestSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await _client.DeleteAsync(session.Path, session.Id, cancellationToken) == RestRemoveResult.Removed;
    }

    /// <summary>Deletes the user's hotspot cookies so the device does not log straight back in; returns how many.</summary>
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

    /// <summary>The simple queue of this name (the session's dynamic queue), or null.</summary>
    public async Task<Row?> FindQueueAsync(string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows = await _client.GetAsync("queue/simple", [new("name", name)], s_queueProplist, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>PATCH /rest/queue/simple/&lt;id&gt;</c>.</summary>
    public Task SetQueueAsync(string id, IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
        => _client.PatchAsync("queue/simple", id, properties, cancellationToken);

    private async Task<IReadOnlyList<RestSession>> PrintAsync(RestSessionTable table, IReadOnlyList<KeyValuePair<string, string>>? filters,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows;
        try
        {
            rows = await _client.GetAsync(RestSession.PathOf(table), filters, RestSession.Proplist, cancellationToken);
        }
        catch (RouterOsRestException e) when (e.Detail?.Contains("no such command", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A router without that menu (no hotspot or DHCP server configured in a package-less build) has no such sessions.
            return [];
        }

        var sessions = new List<RestSession>(rows.Count);
        foreach (Row row in rows)
        {
            sessions.Add(RestSession.FromRow(table, row));
        }

        return sessions;
    }
}
