using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>
/// <c>type = private_psk</c>: the MESHdesk nodes or APdesk APs a private-PSK session may be on (docs/private-psk.md);
/// which one a request is for comes from its Operator-Name. Exactly one of the two lists is filled.
/// </summary>
public sealed record PrivatePskNasSettings : NasSettings
{
    public IReadOnlyList<MeshNode> Nodes { get; init; } = [];
    public IReadOnlyList<AccessPoint> AccessPoints { get; init; } = [];
    public bool OnMesh => Nodes.Count > 0;
}
