using RadiusDisconnectProxy.Radius.Attributes;
using System.Data.Common;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>The RADIUSdesk rows behind a CoovaMeshdesk NAS: the mesh's gateway nodes, or the AP.</summary>
internal static class CoovaDatabase
{
    /// <summary>
    /// <c>mcp_&lt;exit&gt;</c>: <c>mesh_exit_captive_portals.radius_nasid</c> → <c>mesh_exits.mesh_id</c> → every node of the mesh
    /// with <c>gateway &lt;&gt; 'none'</c>; the mesh id in MQTT is <c>meshes.ssid</c>, upper case, '_' → '-' (docs/radiusdesk.md).
    /// </summary>
    public static async Task<List<MeshNode>> ReadMeshGatewaysAsync(DbConnection connection, string nasIdentifier, CancellationToken ct)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT n.id, n.mac, m.ssid
            FROM mesh_exit_captive_portals cp
            JOIN mesh_exits e ON e.id = cp.mesh_exit_id
            JOIN nodes n ON n.mesh_id = e.mesh_id AND n.gateway <> 'none'
            JOIN meshes m ON m.id = e.mesh_id
            WHERE cp.radius_nasid = @nasid
            ORDER BY n.id
            """;
        AddParameter(command, "@nasid", nasIdentifier);
        var nodes = new List<MeshNode>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string rawMac = reader.GetString(1);
            string meshId = reader.GetString(2).Replace('_', '-').ToUpperInvariant();
            nodes.Add(new MeshNode(reader.GetInt64(0), Mac(rawMac), meshId));
        }

        return nodes;
    }

    /// <summary>The AP of <c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c>: <c>aps.id</c>, <c>aps.mac</c>.</summary>
    public static async Task<AccessPoint?> ReadAccessPointAsync(DbConnection connection, long apId, CancellationToken ct)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, mac FROM aps WHERE id = @id";
        AddParameter(command, "@id", apId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        string rawMac = reader.GetString(1);
        return new AccessPoint(reader.GetInt64(0), Mac(rawMac));
    }

    /// <summary>As the nodes expect it: upper case with dashes; a value that is no MAC is kept (upper case).</summary>
    private static string Mac(string raw) => MacAddress.TryParse(raw, out MacAddress mac) ? mac.ToString() : raw.ToUpperInvariant();

    private static void AddParameter(DbCommand command, string name, object value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
