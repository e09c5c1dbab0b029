using RadiusDisconnectProxy.Drivers.Coova;
using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>Requests and NAS entries as the pipeline would hand them to the driver.</summary>
internal static class CoovaRequests
{
    public const string MeshId = "MY-MESH";

    public static DynamicAuthorizationRequest Disconnect(string? callingStationId, string nasIdentifier = "mcp_12") => new()
    {
        Code = RadiusCode.DisconnectRequest,
        Keys = new SessionKeys { UserName = "alice", CallingStationId = callingStationId, NasIdentifier = nasIdentifier },
        Packet = new byte[20],
        ClientSecret = "testing123"u8.ToArray(),
        Client = new IPEndPoint(IPAddress.Loopback, 40000),
        ClientName = "local",
    };

    public static DynamicAuthorizationRequest Coa(string? callingStationId) => Disconnect(callingStationId) with { Code = RadiusCode.CoaRequest };

    public static NasTarget Mesh(params MeshNode[] nodes) => new()
    {
        Name = "mesh12",
        Type = "CoovaMeshdesk",
        NasIdentifier = "mcp_12",
        Settings = new CoovaNasSettings { Nodes = nodes },
        Source = "test",
    };

    public static NasTarget Ap(long apId, string mac) => new()
    {
        Name = "ap7",
        Type = "CoovaMeshdesk",
        NasIdentifier = $"ap_{apId}_cp_3",
        Settings = new CoovaNasSettings { AccessPoint = new AccessPoint(apId, mac) },
        Source = "test",
    };
}
