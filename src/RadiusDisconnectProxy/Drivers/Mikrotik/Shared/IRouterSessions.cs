using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// Session operations on one router, over the binary API or REST: what the shared driver flow
/// (<see cref="RouterDriverFlow"/>) and the operator commands (<see cref="RouterAdmin{TSettings}"/>) need. Failures surface
/// as <see cref="RouterOs.Errors.RouterOsException"/>s; a refused command has the cause <c>Trap</c>.
/// </summary>
public interface IRouterSessions
{
    /// <summary>Every active hotspot and PPP session (leases are not sessions to list).</summary>
    Task<IReadOnlyList<RouterSession>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Every session matching the query; the hints may narrow the tables searched where the transport uses them.</summary>
    Task<IReadOnlyList<RouterSession>> FindAsync(RouterSessionQuery query, SessionHints hints, CancellationToken cancellationToken);

    /// <summary>Removes the session; false when it was already gone (a race with the session ending, not a failure).</summary>
    Task<bool> RemoveAsync(RouterSession session, CancellationToken cancellationToken);

    /// <summary>Deletes the user's hotspot cookies so the device does not log straight back in; returns how many.</summary>
    Task<int> RemoveCookiesAsync(string user, CancellationToken cancellationToken);

    /// <summary>The simple queue of this name (the session's dynamic queue), or null.</summary>
    Task<Row?> FindQueueAsync(string name, CancellationToken cancellationToken);

    Task SetQueueAsync(string id, IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken);

    /// <summary><c>/system/resource</c>, for <c>nas test</c>.</summary>
    Task<IReadOnlyDictionary<string, string>> SystemResourceAsync(CancellationToken cancellationToken);
}
