namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// Decides where a request goes (docs/architecture.md, "Routing"). Without the RADIUSdesk database: the config-file NAS
/// its NAS-Identifier / NAS-IP-Address / NAS-IPv6-Address names, else NAK 502. With it: the open sessions the
/// database finds (each with its NAS); when it finds none, the config-file NAS the request names, else NAK 503; an
/// unreachable database is NAK 506.
/// </summary>
public sealed class RequestRouter(NasRegistry registry, ISessionDirectory? directory = null)
{
    public bool UsesDirectory => directory is not null;

    /// <summary>The configured NAS the request's own keys name (no database involved; never allocates).</summary>
    public Route ByConfig(SessionKeys keys, RouteStatus whenNone) =>
        registry.TryFind(keys.NasIdentifier, keys.NasIpAddress, keys.NasIpv6Address, out NasTarget nas)
            ? new Route(RouteStatus.Nas, nas, null)
            : new Route(whenNone, null, null);

    /// <summary>The database's answer for the request; throws what the directory throws (the caller answers 506).</summary>
    public async ValueTask<Route> ByDirectoryAsync(SessionKeys keys, CancellationToken cancellationToken)
    {
        ISessionDirectory store = directory ?? throw new InvalidOperationException("no session directory is configured");
        SessionLookupResult lookup = await store.FindSessionsAsync(keys, cancellationToken).ConfigureAwait(false);
        if (lookup.Status == SessionLookupStatus.Unavailable)
        {
            return new Route(RouteStatus.DirectoryUnavailable, null, null);
        }

        return lookup.Sessions.Count == 0
            ? ByConfig(keys, RouteStatus.NoSession)
            : new Route(RouteStatus.Sessions, null, lookup.Sessions);
    }
}

public enum RouteStatus
{
    /// <summary>One configured NAS, with the request's own keys.</summary>
    Nas,

    /// <summary>Sessions from the database, each with its NAS (null when it could not be resolved).</summary>
    Sessions,

    /// <summary>No NAS matches the request (NAK 502).</summary>
    NoNas,

    /// <summary>The database has no open session and no configured NAS matches (NAK 503).</summary>
    NoSession,

    /// <summary>The database could not be asked (NAK 506).</summary>
    DirectoryUnavailable,
}

/// <param name="Nas">For <see cref="RouteStatus.Nas"/>.</param>
/// <param name="Sessions">For <see cref="RouteStatus.Sessions"/>: at least one.</param>
public readonly record struct Route(RouteStatus Status, NasTarget? Nas, IReadOnlyList<ResolvedSession>? Sessions);
