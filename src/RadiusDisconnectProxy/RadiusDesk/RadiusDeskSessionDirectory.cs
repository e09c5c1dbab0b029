using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// <see cref="ISessionDirectory"/> over RADIUSdesk's <c>radacct</c> (docs/radiusdesk.md §2): the open sessions matching every key
/// the request carries, each with its NAS resolved. Sessions are read fresh for every request (never cached); NASes come
/// from <see cref="RadiusDeskNasResolver"/>. A request carrying no key radacct can select on (only NAS-Port,
/// Chargeable-User-Identity, …) yields no sessions, so the pipeline falls back to the NAS registry.
/// </summary>
internal sealed class RadiusDeskSessionDirectory(RadiusDeskDatabase database, RadiusDeskNasResolver resolver,
    ILogger<RadiusDeskSessionDirectory> logger) : ISessionDirectory
{
    private static readonly SessionLookupResult s_none = new(SessionLookupStatus.Ok, []);

    public async ValueTask<SessionLookupResult> FindSessionsAsync(SessionKeys keys, CancellationToken cancellationToken)
    {
        if (!SessionQuery.CanSelect(keys))
        {
            return s_none;
        }

        DatabaseResult<List<ResolvedSession>> result = await database.RunAsync("session lookup",
            (connection, ct) => LookUpAsync(connection, keys, ct), cancellationToken);
        return result.IsAvailable ? new SessionLookupResult(SessionLookupStatus.Ok, result.Value) : SessionLookupResult.Unavailable;
    }

    private async Task<List<ResolvedSession>> LookUpAsync(MySqlConnection connection, SessionKeys keys, CancellationToken ct)
    {
        var rows = new List<RadAcctRow>();
        await using (MySqlCommand command = SessionQuery.Build(keys, connection))
        await using (MySqlDataReader reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(RadAcctRow.Read(reader));
            }
        }

        if (rows.Count > SessionQuery.Limit)
        {
            RadiusDeskLog.SessionLimit(logger, SessionQuery.Limit);
            rows.RemoveAt(rows.Count - 1);
        }

        var sessions = new List<ResolvedSession>(rows.Count);
        var nases = new Dictionary<(string, string), NasTarget?>();
        foreach (RadAcctRow row in rows)
        {
            var nasKey = (row.NasIdentifier, row.NasIpAddress);
            if (!nases.TryGetValue(nasKey, out NasTarget? nas))
            {
                nas = await resolver.ResolveAsync(connection, row.NasIdentifier, row.NasIpAddress, ct);
                nases[nasKey] = nas;
            }

            sessions.Add(new ResolvedSession(nas, row.ToKeys()));
        }

        return sessions;
    }
}
