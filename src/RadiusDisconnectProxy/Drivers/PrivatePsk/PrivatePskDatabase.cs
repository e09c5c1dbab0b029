using System.Data.Common;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>The RADIUSdesk rows behind a private-PSK NAS: the mesh's nodes, or the AP profile's APs.</summary>
internal static class PrivatePskDatabase
{
    /// <summary>Every node of the mesh; the mesh id in MQTT is <c>meshes.ssid</c>, upper case, '_' → '-' (docs/radiusdesk.md).</summary>
    public static async Task<List<MeshNode>> ReadMeshNodesAsync(DbConnection connection, long meshId, CancellationToken ct)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT n.id, n.mac, m.ssid FROM nodes n JOIN meshes m ON m.id = n.mesh_id WHERE n.mesh_id = @mesh ORDER BY n.id";
        AddParameter(command, "@mesh", meshId);
        var nodes = new List<MeshNode>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            nodes.Add(new MeshNode(reader.GetInt64(0), Mac(reader.GetString(1)), reader.GetString(2).Replace('_', '-').ToUpperInvariant()));
        }

        return nodes;
    }

    public static async Task<List<AccessPoint>> ReadProfileApsAsync(DbConnection connection, long profileId, CancellationToken ct)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, mac FROM aps WHERE ap_profile_id = @profile ORDER BY id";
        AddParameter(command, "@profile", profileId);
        var aps = new List<AccessPoint>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            aps.Add(new AccessPoint(reader.GetInt64(0), Mac(reader.GetString(1))));
        }

        return aps;
    }

    private static string Mac(string raw) => MacAddress.TryParse(raw.Trim(), out MacAddress mac) ? mac.ToString() : raw.ToUpperInvariant();

    private static void AddParameter(DbCommand command, string name, object value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
