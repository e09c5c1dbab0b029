using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>A MESHdesk gateway node: <c>nodes.id</c>, <c>nodes.mac</c>, and the mesh's identifier (<c>meshes.ssid</c>).</summary>
public sealed record MeshNode(long NodeId, string Mac, string MeshId);

/// <summary>An APdesk access point: <c>aps.id</c>, <c>aps.mac</c>.</summary>
public sealed record AccessPoint(long ApId, string Mac);

/// <summary>
/// <c>type = CoovaMeshdesk</c>: CoovaChilli on MESHdesk (<c>mcp_&lt;exit&gt;</c>: every gateway node) or APdesk
/// (<c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c>: that AP), reached over MQTT. Exactly one of the two is set.
/// </summary>
public sealed record CoovaNasSettings : NasSettings
{
    public IReadOnlyList<MeshNode> Nodes { get; init; } = [];
    public AccessPoint? AccessPoint { get; init; }
}
