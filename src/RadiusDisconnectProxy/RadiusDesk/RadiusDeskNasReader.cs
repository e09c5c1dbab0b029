using RadiusDisconnectProxy.Drivers;
using MySqlConnector;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>The parameterised queries behind NAS resolution (docs/radiusdesk.md).</summary>
internal static class RadiusDeskNasReader
{
    /// <summary><c>dynamic_clients</c> by exact nasidentifier, with its <c>dynamic_client_settings</c>.</summary>
    public static async Task<DatabaseNas?> FindDynamicClientAsync(MySqlConnection connection, string nasIdentifier, CancellationToken ct)
    {
        long id;
        string name;
        string type;
        await using (var command = new MySqlCommand(
            "SELECT id, name, type FROM dynamic_clients WHERE nasidentifier = @nasid ORDER BY id LIMIT 1", connection))
        {
            command.Parameters.AddWithValue("@nasid", nasIdentifier);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            id = reader.GetInt64(0);
            name = reader.IsDBNull(1) ? "" : reader.GetString(1);
            type = reader.IsDBNull(2) ? "" : reader.GetString(2);
        }

        var settings = await ReadSettingsAsync(connection,
            "SELECT name, value FROM dynamic_client_settings WHERE dynamic_client_id = @id ORDER BY id", id, ct);
        return new DatabaseNas("dynamic_clients", id, name, type, settings, Secret: null, CoaPort: null);
    }

    /// <summary>
    /// <c>nas</c> by nasidentifier, else by <c>nasname = nasipaddress</c> (Cisco sends no NAS-Identifier), with its
    /// <c>na_settings</c>. <c>SELECT *</c> because <c>coa_port</c> exists only after a later migration.
    /// </summary>
    public static async Task<DatabaseNas?> FindNasAsync(MySqlConnection connection, string nasIdentifier, string nasIpAddress,
        CancellationToken ct)
    {
        bool byId = nasIdentifier.Length > 1;
        bool byIp = nasIpAddress.Length > 1;
        if (!byId && !byIp)
        {
            return null;
        }

        string where = (byId, byIp) switch
        {
            (true, true) => "nasidentifier = @nasid OR nasname = @nasip ORDER BY nasidentifier = @nasid DESC, id",
            (true, false) => "nasidentifier = @nasid ORDER BY id",
            _ => "nasname = @nasip ORDER BY id",
        };
        var columns = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        await using (var command = new MySqlCommand("SELECT * FROM nas WHERE " + where + " LIMIT 1", connection))
        {
            command.Parameters.AddWithValue("@nasid", nasIdentifier);
            command.Parameters.AddWithValue("@nasip", nasIpAddress);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            for (int i = 0; i < reader.FieldCount; i++)
            {
                columns[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
        }

        long id = Convert.ToInt64(columns["id"], System.Globalization.CultureInfo.InvariantCulture);
        string name = columns.GetValueOrDefault("shortname") as string is { Length: > 0 } shortName
            ? shortName
            : columns.GetValueOrDefault("nasname") as string ?? "";
        int? coaPort = columns.GetValueOrDefault("coa_port") is { } port
            ? Convert.ToInt32(port, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        var settings = await ReadSettingsAsync(connection, "SELECT name, value FROM na_settings WHERE na_id = @id ORDER BY id", id, ct);
        return new DatabaseNas("nas", id, name, columns.GetValueOrDefault("type") as string ?? "",
            settings, columns.GetValueOrDefault("secret") as string, coaPort);
    }

    private static async Task<Dictionary<string, string>> ReadSettingsAsync(MySqlConnection connection, string sql, long id,
        CancellationToken ct)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            settings[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        return settings;
    }
}
