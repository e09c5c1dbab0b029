using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Applies a reloaded <c>radiusdesk</c> section (docs/operations.md, "Reload") to requests accepted from then on: the
/// connection string (a new pool; the NAS cache and the remembered <c>node_actions</c> rows of the old database are
/// dropped, so nothing learnt from it is served from the new one), <c>cache_ttl</c>, <c>record_actions</c>, <c>verify</c>
/// and <c>verify_timeout</c>. A database operation already running finishes on the database it started on. Adding or
/// removing the whole section changes which services exist, so it waits for a restart (the reloader logs it).
/// </summary>
internal sealed class RadiusDeskReloader(RadiusDeskDatabase database, RadiusDeskNasResolver resolver, NodeActionReplyCompleter completer,
    ILogger<RadiusDeskReloader> logger) : IReloadableSection
{
    public void Apply(ProxyOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.RadiusDesk is not { } options || options == database.Options)
        {
            return;
        }

        bool otherDatabase = database.Reconfigure(options);
        if (otherDatabase)
        {
            completer.DatabaseChanged();
        }

        resolver.Reconfigure(options.CacheTtl, dropCache: otherDatabase);
        // Only the redacted connection string is ever logged.
        RadiusDeskLog.Reconfigured(logger, database.RedactedConnectionString,
            otherDatabase ? "another database: cached NASes dropped" : "same database", options.CacheTtl, options.RecordActions,
            options.Verify.ToString().ToLowerInvariant());
    }
}
