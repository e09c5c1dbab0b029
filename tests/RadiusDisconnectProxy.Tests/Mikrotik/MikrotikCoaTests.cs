using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikCoaTests : IAsyncLifetime
{
    private RouterOsSimulator _router = null!;
    private MikrotikClientCache _clients = null!;

    public Task InitializeAsync()
    {
        _router = new RouterOsSimulator();
        _clients = Clients();
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10", maxLimit: "1000000/2000000");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001", maxLimit: "1000000/2000000");
        _router.AddHotspotSession("nolimit", "AA:BB:CC:DD:EE:03", "10.5.50.12", maxLimit: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task Mikrotik_Rate_Limit_Changes_The_Hotspot_Queue_Down_And_Up()
    {
        MikrotikDriver driver = Driver(_clients);
        var keys = new SessionKeys { UserName = "alice" };

        DriverResult down = await driver.ExecuteAsync(Coa(keys, r => r with { MikrotikRateLimit = "256k/512k" }), Nas(_router), Deadline());
        string? throttled = _router.FindQueue("<hotspot-alice>")?["max-limit"];
        DriverResult up = await driver.ExecuteAsync(Coa(keys, r => r with { MikrotikRateLimit = "10M/20M" }), Nas(_router), Deadline());

        Assert.True(down.IsAck, down.Detail);
        Assert.True(up.IsAck, up.Detail);
        Assert.Equal("256k/512k", throttled);
        Assert.Equal("10M/20M", _router.FindQueue("<hotspot-alice>")?["max-limit"]);
    }

    [Fact]
    public async Task Burst_Parts_Go_To_The_Queue_Too()
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "carol" }, r => r with { MikrotikRateLimit = "1M/2M 4M/8M 512k/1M 10/10 5" }), Nas(_router), Deadline());

        IReadOnlyDictionary<string, string>? queue = _router.FindQueue("<pppoe-carol>");
        Assert.True(result.IsAck, result.Detail);
        Assert.Equal("1M/2M", queue?["max-limit"]);
        Assert.Equal("4M/8M", queue?["burst-limit"]);
        Assert.Equal("512k/1M", queue?["burst-threshold"]);
        Assert.Equal("10/10", queue?["burst-time"]);
        Assert.Equal("5/5", queue?["priority"]);
    }

    [Fact]
    public async Task Wispr_Bandwidth_Is_Converted_To_Upload_Slash_Download()
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { FramedIpAddress = IPAddress.Parse("10.9.0.2") }, r => r with { WisprBandwidthMaxUp = 1000000, WisprBandwidthMaxDown = 4000000 }),
            Nas(_router), Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal("1000000/4000000", _router.FindQueue("<pppoe-carol>")?["max-limit"]);
    }

    [Fact]
    public async Task A_Router_That_Locks_Dynamic_Queues_Gives_401()
    {
        _router.Faults.RefuseDynamicQueueSet = true;

        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "alice" }, r => r with { MikrotikRateLimit = "256k/512k" }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.UnsupportedAttribute, result.ErrorCause);
        Assert.Equal("1000000/2000000", _router.FindQueue("<hotspot-alice>")?["max-limit"]);
    }

    [Fact]
    public async Task A_Session_Without_A_Queue_Gives_401()
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "nolimit" }, r => r with { MikrotikRateLimit = "256k/512k" }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.UnsupportedAttribute, result.ErrorCause);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("1M/2M 3M 4M 5 6 7 8")]
    [InlineData("1M/2M 2M/4M 1M/2M 10/10 9")]
    public async Task A_Malformed_Rate_Is_407(string rate)
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "alice" }, r => r with { MikrotikRateLimit = rate }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.InvalidAttributeValue, result.ErrorCause);
    }

    [Fact]
    public async Task Nothing_Applicable_Is_401()
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "alice" }, r => r with { SessionTimeout = 600 }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.UnsupportedAttribute, result.ErrorCause);
    }

    [Fact]
    public async Task No_Matching_Session_Is_503()
    {
        DriverResult result = await Driver(_clients).ExecuteAsync(
            Coa(new SessionKeys { UserName = "mallory" }, r => r with { MikrotikRateLimit = "1M" }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.SessionContextNotFound, result.ErrorCause);
    }

    [Fact]
    public async Task With_Coa_Port_And_Secret_The_Coa_Goes_To_The_Routers_Radius_Service()
    {
        var forwarder = new RecordingCoaForwarder();
        var endpoint = new IPEndPoint(IPAddress.Loopback, 3799);
        NasTarget nas = Nas(_router, adjust: s => s with { CoaEndpoint = endpoint, Secret = "router-secret" });

        DriverResult result = await Driver(_clients, forwarder).ExecuteAsync(
            Coa(new SessionKeys { UserName = "alice" }, r => r with { SessionTimeout = 600 }), nas, Deadline());

        Assert.True(result.IsAck);
        Assert.Equal((endpoint, "router-secret"), forwarder.Calls.Single());
        Assert.Empty(_router.RecordedCommands);
    }

    /// <summary>Stands in for the RFC 5176 forwarder of the forwarding branch (tested there against a NAS simulator).</summary>
    private sealed class RecordingCoaForwarder : IRouterCoaForwarder
    {
        public List<(IPEndPoint, string)> Calls { get; } = [];

        public ValueTask<DriverResult> ForwardAsync(DynamicAuthorizationRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken)
        {
            Calls.Add((endpoint, secret));
            return ValueTask.FromResult(DriverResult.Ack("forwarded"));
        }
    }
}
