using System.Globalization;
using MySqlConnector;

namespace RadiusDisconnectProxy.TestSupport.RadiusDesk;

/// <summary>
/// Inserts realistic RADIUSdesk rows (the way rdcore writes them) into a database holding <see cref="RadiusDeskSchema"/>.
/// Every insert returns the new row's id.
/// </summary>
public sealed class RadiusDeskSeeder(string connectionString)
{
    /// <summary>Empties every table of the schema (run before each test of a shared-server collection).</summary>
    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        // DELETE is ten times faster than TRUNCATE (which recreates the table files); ids keep counting up.
        await ExecuteAsync(connection, string.Concat(RadiusDeskSchema.Tables.Select(t => $"DELETE FROM {t};")), []);
    }

    public async Task<long> AddSessionAsync(RadAcctSeed s)
    {
        await using var connection = await OpenAsync();
        return await InsertAsync(connection, """
            INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, nasidentifier, nasportid, nasporttype,
                acctstarttime, acctupdatetime, acctstoptime, acctinterval, acctsessiontime, acctauthentic, calledstationid,
                callingstationid, servicetype, framedprotocol, framedipaddress, acctinputoctets, acctoutputoctets, operator_name)
            VALUES (@sid, @uid, @user, @nasip, @nasid, @port, @porttype, NOW() - INTERVAL 10 MINUTE, NOW(), @stop, 60, 600,
                'RADIUS', @called, @calling, @service, @proto, @ip, 123456, 654321, @operator)
            """,
            [("@sid", s.AcctSessionId), ("@uid", Guid.NewGuid().ToString("N")), ("@user", s.UserName), ("@nasip", s.NasIpAddress),
             ("@nasid", s.NasIdentifier), ("@port", s.NasPortId), ("@porttype", s.NasPortType), ("@stop", s.StopTime),
             ("@called", s.CalledStationId), ("@calling", s.CallingStationId), ("@service", s.ServiceType),
             ("@proto", s.FramedProtocol), ("@ip", s.FramedIpAddress), ("@operator", s.OperatorName)]);
    }

    /// <summary>What the NAS's Accounting-Stop does: sets acctstoptime.</summary>
    public async Task StopSessionAsync(long radAcctId)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "UPDATE radacct SET acctstoptime = NOW(), acctterminatecause = 'Admin-Reset' WHERE radacctid = @id",
            [("@id", radAcctId)]);
    }

    /// <summary>What migration 8.095's trigger plus the cleanup event do: copy the stopped row to radacct_history, delete it.</summary>
    public async Task MoveToHistoryAsync(long radAcctId)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, """
            UPDATE radacct SET acctstoptime = NOW() WHERE radacctid = @id;
            INSERT INTO radacct_history SELECT * FROM radacct WHERE radacctid = @id;
            DELETE FROM radacct WHERE radacctid = @id;
            """, [("@id", radAcctId)]);
    }

    public async Task<long> AddDynamicClientAsync(string name, string nasIdentifier, string type,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var connection = await OpenAsync();
        long id = await InsertAsync(connection, """
            INSERT INTO dynamic_clients (name, nasidentifier, calledstationid, timezone, monitor, active, cloud_id, type)
            VALUES (@name, @nasid, '', '316', 0, 1, 21, @type)
            """, [("@name", name), ("@nasid", nasIdentifier), ("@type", type)]);
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            await InsertAsync(connection, "INSERT INTO dynamic_client_settings (dynamic_client_id, name, value) VALUES (@id, @n, @v)",
                [("@id", id), ("@n", key), ("@v", value)]);
        }

        return id;
    }

    public async Task<long> AddNasAsync(string nasName, string nasIdentifier, string type, string secret, int coaPort = 3799,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var connection = await OpenAsync();
        long id = await InsertAsync(connection, """
            INSERT INTO nas (nasname, shortname, nasidentifier, type, ports, secret, description, connection_type, cloud_id, coa_port)
            VALUES (@name, @short, @nasid, @type, 3799, @secret, 'RADIUS Client', 'direct', 21, @coa)
            """,
            [("@name", nasName), ("@short", "nas-" + nasName), ("@nasid", nasIdentifier), ("@type", type), ("@secret", secret),
             ("@coa", coaPort)]);
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            await InsertAsync(connection, "INSERT INTO na_settings (na_id, name, value) VALUES (@id, @n, @v)",
                [("@id", id), ("@n", key), ("@v", value)]);
        }

        return id;
    }

    public async Task<long> AddMeshAsync(string name, string ssid)
    {
        await using var connection = await OpenAsync();
        return await InsertAsync(connection, "INSERT INTO meshes (name, ssid, cloud_id) VALUES (@n, @s, 21)", [("@n", name), ("@s", ssid)]);
    }

    /// <summary>A captive-portal exit of a mesh with RADIUSdesk's auto nasid <c>mcp_&lt;exit id&gt;</c>; returns the nasid.</summary>
    public async Task<string> AddCaptivePortalExitAsync(long meshId)
    {
        await using var connection = await OpenAsync();
        long exitId = await InsertAsync(connection, "INSERT INTO mesh_exits (mesh_id, name, type) VALUES (@m, 'Hotspot', 'captive_portal')",
            [("@m", meshId)]);
        string nasId = "mcp_" + exitId.ToString(CultureInfo.InvariantCulture);
        await InsertAsync(connection, """
            INSERT INTO mesh_exit_captive_portals (mesh_exit_id, radius_1, radius_secret, radius_nasid, uam_url, uam_secret)
            VALUES (@e, '198.51.100.10', 'testing123', @nasid, 'http://198.51.100.10/cake4/rd_cake/dynamic-details/chilli-browser-detect/', 'greatsecret')
            """, [("@e", exitId), ("@nasid", nasId)]);
        return nasId;
    }

    public async Task<long> AddNodeAsync(long meshId, string name, string mac, string gateway)
    {
        await using var connection = await OpenAsync();
        return await InsertAsync(connection, """
            INSERT INTO nodes (mesh_id, name, mac, hardware, last_contact, gateway) VALUES (@m, @n, @mac, 'tl_wr840n', NOW(), @gw)
            """, [("@m", meshId), ("@n", name), ("@mac", mac), ("@gw", gateway)]);
    }

    public async Task<long> AddApAsync(string name, string mac)
    {
        await using var connection = await OpenAsync();
        return await InsertAsync(connection, """
            INSERT INTO aps (ap_profile_id, name, mac, hardware, last_contact, gateway) VALUES (3, @n, @mac, 'gl_ar300m', NOW(), 'lan')
            """, [("@n", name), ("@mac", mac)]);
    }

    /// <summary>
    /// An <c>accel_sessions</c> row as <c>AccelServersController::submitReport()</c> upserts it from an accel-ppp report.
    /// </summary>
    public async Task<long> AddAccelSessionAsync(string sid, string username, string callingSid, string ip, int accelServerId = 1)
    {
        await using var connection = await OpenAsync();
        return await InsertAsync(connection, """
            INSERT INTO accel_sessions (accel_server_id, ifname, username, ip, type, state, uptime, uptime_raw, calling_sid,
                called_sid, sid, service_name, created, modified)
            VALUES (@server, 'ppp0', @user, @ip, 'pppoe', 'active', '00:10:00', 600, @calling, 'C4-4B-D1-00-97-49', @sid, 'rd',
                NOW(), NOW())
            """, [("@server", accelServerId), ("@user", username), ("@ip", ip), ("@calling", callingSid), ("@sid", sid)]);
    }

    /// <summary>The <c>disconnect_flag</c> of the accel_sessions rows with this sid (empty when there is none).</summary>
    public async Task<IReadOnlyList<int>> GetAccelDisconnectFlagsAsync(string sid)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand("SELECT disconnect_flag FROM accel_sessions WHERE sid = @sid ORDER BY id", connection);
        command.Parameters.AddWithValue("@sid", sid);
        await using var reader = await command.ExecuteReaderAsync();
        var flags = new List<int>();
        while (await reader.ReadAsync())
        {
            flags.Add(reader.GetInt32(0));
        }

        return flags;
    }

    /// <summary>Reads one row of node_actions / ap_actions: (device id, command, status, reply).</summary>
    public async Task<(long DeviceId, string Command, string Status, string? Reply)?> GetActionAsync(string table, long id)
    {
        string deviceColumn = table == "ap_actions" ? "ap_id" : "node_id";
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(
            $"SELECT {deviceColumn}, command, status, reply FROM {table} WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> InsertAsync(MySqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        await using var command = Build(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
        return command.LastInsertedId;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        await using var command = Build(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static MySqlCommand Build(MySqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new MySqlCommand(sql, connection);
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
