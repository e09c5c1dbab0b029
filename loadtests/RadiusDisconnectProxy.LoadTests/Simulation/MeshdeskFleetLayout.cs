using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Load;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// The 1,000-node MESHdesk/APdesk layout the MQTT scenario uses, known to both the simulator process and the
/// radius.conf writer: half meshes with one gateway node each (<c>mcp_&lt;i&gt;</c>), half APs (<c>ap_&lt;i&gt;_cp_1</c>).
/// </summary>
internal static class MeshdeskFleetLayout
{
    public const long NodeMacBase = 0x0010_0000;

    public static int Meshes(int nodes) => nodes / 2;

    public static long MeshNodeId(int mesh) => 1000 + mesh;

    public static string MeshId(int mesh) => string.Create(CultureInfo.InvariantCulture, $"MESH-{mesh}");

    public static string MeshNasIdentifier(int mesh) => string.Create(CultureInfo.InvariantCulture, $"mcp_{mesh}");

    public static long ApId(int ap) => 1 + ap;

    public static string ApNasIdentifier(int ap) => string.Create(CultureInfo.InvariantCulture, $"ap_{ApId(ap)}_cp_1");

    public static string MeshNodeMac(int mesh) => LoadNaming.Mac(NodeMacBase + mesh);

    public static string ApMac(int ap) => LoadNaming.Mac(NodeMacBase + 0x8000 + ap);

    /// <summary>NAS-Identifiers alternating mesh and AP, so consecutive requests spread over every node.</summary>
    public static IReadOnlyList<string> NasIdentifiers(int nodes)
    {
        int meshes = Meshes(nodes);
        int aps = nodes - meshes;
        var list = new List<string>(nodes);
        for (int i = 0; i < Math.Max(meshes, aps); i++)
        {
            if (i < meshes)
            {
                list.Add(MeshNasIdentifier(i));
            }

            if (i < aps)
            {
                list.Add(ApNasIdentifier(i));
            }
        }

        return list;
    }
}
