using System.Globalization;
using System.Net;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// The open sessions RADIUSdesk's accounting knows for one NAS (<c>radacct</c> rows with <c>acctstoptime IS NULL</c>,
/// matched on the NAS's identifier or addresses): the session list for NAS types whose equipment cannot list its own.
/// </summary>
internal sealed class RadAcctSessions(RadiusDeskDatabase database, TimeProvider time)
{
    public const int Limit = 500;

    public async Task<SessionListResult> ListAsync(NasTarget nas, CancellationToken cancellationToken)
    {
        if (nas.NasIdentifier is null && nas.Addresses.Count == 0)
        {
            return SessionListResult.Failed("the NAS has neither nasidentifier nor ipaddr to find its sessions by");
        }

        DatabaseResult<List<ConsoleSession>> result = await database.RunAsync("console session list",
            (connection, ct) => ReadAsync(connection, nas, ct), cancellationToken);
        return result.IsAvailable ? new SessionListResult(true, result.Value, null) : SessionListResult.Failed("the RADIUSdesk database is unavailable");
    }

    private async Task<List<ConsoleSession>> ReadAsync(MySqlConnection connection, NasTarget nas, CancellationToken ct)
    {
        await using var command = new MySqlCommand { Connection = connection };
        var matches = new List<string>();
        if (nas.NasIdentifier is { } identifier)
        {
            matches.Add("nasidentifier = @nasid");
            command.Parameters.AddWithValue("@nasid", identifier);
        }

        for (int i = 0; i < nas.Addresses.Count; i++)
        {
            string name = "@nasip" + i.ToString(CultureInfo.InvariantCulture);
            matches.Add($"nasipaddress = {name}");
            command.Parameters.AddWithValue(name, nas.Addresses[i].ToString());
        }

        command.CommandText = $"SELECT {SessionQuery.Columns}, acctstarttime FROM radacct WHERE acctstoptime IS NULL AND ({string.Join(" OR ", matches)}) "
            + $"ORDER BY radacctid DESC LIMIT {Limit.ToString(CultureInfo.InvariantCulture)}";
        var sessions = new List<ConsoleSession>();
        await using MySqlDataReader reader = await command.ExecuteReaderAsync(ct);
        DateTime now = time.GetUtcNow().UtcDateTime;
        while (await reader.ReadAsync(ct))
        {
            RadAcctRow row = RadAcctRow.Read(reader);
            string? uptime = reader.IsDBNull(9) ? null : Uptime(now - reader.GetDateTime(9));
            SessionKeys keys = row.ToKeys() with { RadAcctId = null, NasIdentifier = null, NasIpAddress = null };
            sessions.Add(new ConsoleSession(row.RadAcctId.ToString(CultureInfo.InvariantCulture), "radacct", keys.UserName,
                keys.FramedIpAddress?.ToString(), keys.CallingStationId, uptime, row.NasPortId, keys.AcctSessionId, keys));
        }

        return sessions;
    }

    /// <summary>RouterOS-style uptime (<c>1d2h3m4s</c>), so both session sources read alike.</summary>
    private static string Uptime(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var text = new System.Text.StringBuilder();
        if (span.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}s").ToString();
    }

    internal static IPAddress? Parse(string? text) => RadAcctRow.ParseAddress(text);
}
