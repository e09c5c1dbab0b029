using System.Globalization;

namespace RadiusDisconnectProxy.TestSupport.RadiusDesk;

/// <summary>
/// A small but realistic RADIUSdesk install: a MESHdesk mesh with two gateway nodes and one relay node behind captive
/// portal <c>mcp_&lt;exit&gt;</c>, an APdesk AP behind <c>ap_&lt;id&gt;_cp_3</c>, and a Mikrotik (API-SSL) dynamic client
/// <c>hq</c>; user alice is online on all three (plus one closed session), bob on the Mikrotik.
/// Node and AP MACs are stored in mixed notations, as real installs have them.
/// </summary>
public sealed record RealisticInstall
{
    public const string MeshSsid = "campus_mesh";
    public const string MikrotikNasIdentifier = "hq";
    public const string MikrotikNasIp = "192.0.2.1";
    public const string MikrotikPassword = "mt-s3cret";

    public required string MeshNasIdentifier { get; init; }
    public required long GatewayNode1 { get; init; }
    public required long GatewayNode2 { get; init; }
    public required long RelayNode { get; init; }
    public required string ApNasIdentifier { get; init; }
    public required long ApId { get; init; }
    public required long AliceOnMesh { get; init; }
    public required long AliceOnAp { get; init; }
    public required long AliceOnMikrotik { get; init; }
    public required long AliceClosed { get; init; }
    public required long BobOnMikrotik { get; init; }

    /// <param name="mikrotikApiPort">mt_port of the Mikrotik; a RouterOS simulator's port in end-to-end tests.</param>
    /// <param name="mikrotikHost">mt_host of the Mikrotik.</param>
    /// <param name="mikrotikTls">mt_proto https (API-SSL).</param>
    public static async Task<RealisticInstall> SeedAsync(RadiusDeskSeeder seeder, int mikrotikApiPort = 8728,
        string mikrotikHost = "10.8.0.2", bool mikrotikTls = true)
    {
        long mesh = await seeder.AddMeshAsync("Campus", MeshSsid);
        string meshNasId = await seeder.AddCaptivePortalExitAsync(mesh);
        long gw1 = await seeder.AddNodeAsync(mesh, "Library roof", "c4-4b-d1-00-97-49", "lan");
        long gw2 = await seeder.AddNodeAsync(mesh, "Hall roof", "C4:4B:D1:00:97:4A", "wan_static");
        long relay = await seeder.AddNodeAsync(mesh, "Corridor", "C4-4B-D1-00-97-4B", "none");
        await seeder.AddDynamicClientAsync("MESHdesk_Campus_" + meshNasId, meshNasId, "CoovaMeshdesk");

        long ap = await seeder.AddApAsync("Reception AP", "64-64-4a-dd-07-0f");
        string apNasId = $"ap_{ap.ToString(CultureInfo.InvariantCulture)}_cp_3";
        await seeder.AddDynamicClientAsync("APdesk_Reception_" + apNasId, apNasId, "CoovaMeshdesk");

        await seeder.AddDynamicClientAsync("HQ router", MikrotikNasIdentifier, "Mikrotik-API", new Dictionary<string, string>
        {
            ["mt_proto"] = mikrotikTls ? "https" : "http",
            ["mt_host"] = mikrotikHost,
            ["mt_port"] = mikrotikApiPort.ToString(CultureInfo.InvariantCulture),
            ["mt_user"] = "rdproxy",
            ["mt_pass"] = MikrotikPassword,
        });

        return new RealisticInstall
        {
            MeshNasIdentifier = meshNasId,
            GatewayNode1 = gw1,
            GatewayNode2 = gw2,
            RelayNode = relay,
            ApNasIdentifier = apNasId,
            ApId = ap,
            AliceOnMesh = await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "alice", AcctSessionId = "5f3a1b2c00000001", NasIdentifier = meshNasId, NasIpAddress = "10.1.0.1",
                CallingStationId = "0C-C6-FD-7B-8B-AA", CalledStationId = "C4-4B-D1-00-97-49", FramedIpAddress = "10.1.0.23",
            }),
            AliceOnAp = await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "alice", AcctSessionId = "5f3a1b2c00000002", NasIdentifier = apNasId, NasIpAddress = "10.2.0.1",
                CallingStationId = "0C-C6-FD-7B-8B-AB", CalledStationId = "64-64-4A-DD-07-0F", FramedIpAddress = "10.2.0.57",
            }),
            AliceOnMikrotik = await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "alice", AcctSessionId = "81d00005", NasIdentifier = MikrotikNasIdentifier, NasIpAddress = MikrotikNasIp,
                CallingStationId = "0C:C6:FD:7B:8B:AC", CalledStationId = "hotspot1", FramedIpAddress = "10.5.50.12",
                NasPortId = "bridge-hotspot", NasPortType = "Wireless-802.11",
            }),
            AliceClosed = await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "alice", AcctSessionId = "81d00001", NasIdentifier = MikrotikNasIdentifier, NasIpAddress = MikrotikNasIp,
                CallingStationId = "0C:C6:FD:7B:8B:AC", CalledStationId = "hotspot1", FramedIpAddress = "10.5.50.11",
                StopTime = DateTime.Now.AddHours(-1),
            }),
            BobOnMikrotik = await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "bob", AcctSessionId = "81d00006", NasIdentifier = MikrotikNasIdentifier, NasIpAddress = MikrotikNasIp,
                CallingStationId = "D8:3A:DD:10:20:30", CalledStationId = "service1", FramedIpAddress = "10.6.0.9",
                NasPortId = "<pppoe-bob>", NasPortType = "Ethernet", ServiceType = "Framed-User", FramedProtocol = "PPP",
            }),
        };
    }
}
