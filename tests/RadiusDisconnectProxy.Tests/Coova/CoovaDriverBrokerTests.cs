using RadiusDisconnectProxy.Drivers.Coova;
using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// The CoovaMeshdesk driver end to end over a real broker: driver → MQTT → simulated MESHdesk/APdesk nodes → reply.
/// Runs once against mosquitto and once against the embedded broker (the two subclasses).
/// </summary>
[Trait("Category", "RealService")]
[Collection(CoovaCollection.Name)]
public abstract class CoovaDriverBrokerTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    private readonly BrokerKind _kind;
    private CoovaTestEnvironment _env = null!;

    protected CoovaDriverBrokerTests(BrokerKind kind) => _kind = kind;

    public async Task InitializeAsync() => _env = await CoovaTestEnvironment.StartAsync(_kind, TimeSpan.FromSeconds(5));

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Disconnect_MeshNode_PublishesTheRadiusdeskJsonOnTheNodeTopic_AndAcks()
    {
        SimulatedNode node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", CoovaRequests.MeshId);
        await _env.StartNodesAsync(node);
        MosquittoSubscriber outside = await _env.WatchAsync("/RD/MESH/146/COMMAND");

        DriverResult result = await _env.Driver.ExecuteAsync(
            CoovaRequests.Disconnect("0c:c6:fd:7b:8b:aa"), CoovaRequests.Mesh(new MeshNode(146, "c4:4b:d1:00:97:49", "MY-MESH")), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        ReceivedNodeCommand command = Assert.Single(node.Received);
        Assert.Equal("/RD/MESH/146/COMMAND", command.Topic);
        Assert.False(command.Retained);
        Assert.InRange(command.CmdId, 1, (1L << 53) - 1);
        string expected = "{\"mode\":\"mesh\",\"node_id\":146,\"mac\":\"C4-4B-D1-00-97-49\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":"
            + command.CmdId.ToString(CultureInfo.InvariantCulture)
            + ",\"cmd\":\"chilli_query logout mac 0C-C6-FD-7B-8B-AA\",\"action\":\"execute\"}";
        Assert.Equal(expected, command.Json);
        Assert.Equal(("/RD/MESH/146/COMMAND", expected), await outside.NextAsync(s_wait));
        Assert.Contains("146", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_AccessPoint_PublishesTheApJsonOnTheApTopic_AndAcks()
    {
        SimulatedNode ap = SimulatedNode.AccessPoint(7, "64-64-4A-DD-07-0F");
        await _env.StartNodesAsync(ap);
        MosquittoSubscriber outside = await _env.WatchAsync("/RD/AP/7/COMMAND");

        DriverResult result = await _env.Driver.ExecuteAsync(
            CoovaRequests.Disconnect("0CC6.FD7B.8BAA", "ap_7_cp_3"), CoovaRequests.Ap(7, "64-64-4a-dd-07-0f"), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        ReceivedNodeCommand command = Assert.Single(ap.Received);
        string expected = "{\"mode\":\"ap\",\"ap_id\":7,\"mac\":\"64-64-4A-DD-07-0F\",\"cmd_id\":"
            + command.CmdId.ToString(CultureInfo.InvariantCulture)
            + ",\"cmd\":\"chilli_query logout mac 0C-C6-FD-7B-8B-AA\",\"action\":\"execute\"}";
        Assert.Equal(expected, command.Json);
        Assert.Equal(("/RD/AP/7/COMMAND", expected), await outside.NextAsync(s_wait));
    }

    [Fact]
    public async Task Disconnect_MeshWithThreeGateways_OneOfflineOneSilent_AcksFromTheThird()
    {
        SimulatedNode offline = SimulatedNode.MeshNode(201, "02-00-00-00-02-01", CoovaRequests.MeshId);
        SimulatedNode silent = SimulatedNode.MeshNode(202, "02-00-00-00-02-02", CoovaRequests.MeshId);
        SimulatedNode working = SimulatedNode.MeshNode(203, "02-00-00-00-02-03", CoovaRequests.MeshId);
        NodeFleet fleet = await _env.StartNodesAsync(offline, silent, working);
        await fleet.SetBehaviourAsync(offline, NodeBehaviour.Offline);
        await fleet.SetBehaviourAsync(silent, NodeBehaviour.Silent);

        DriverResult result = await _env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(Gateway(offline), Gateway(silent), Gateway(working)), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        Assert.Contains("node 203 os_command", result.Detail, StringComparison.Ordinal);
        Assert.Empty(offline.Received);
        await silent.WaitForCommandsAsync(1, s_wait);
        ReceivedNodeCommand atSilent = Assert.Single(silent.Received);
        ReceivedNodeCommand atWorking = Assert.Single(working.Received);
        Assert.Equal("chilli_query logout mac 0C-C6-FD-7B-8B-AA", atWorking.Command);
        Assert.NotEqual(atSilent.CmdId, atWorking.CmdId);
        Assert.Equal(0, _env.Pending.Count);
    }

    [Fact]
    public async Task Disconnect_AllGatewaysSilent_Nak506WithinTheReplyTimeout()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(_kind, TimeSpan.FromMilliseconds(600));
        SimulatedNode first = SimulatedNode.MeshNode(301, "02-00-00-00-03-01", CoovaRequests.MeshId);
        SimulatedNode second = SimulatedNode.MeshNode(302, "02-00-00-00-03-02", CoovaRequests.MeshId);
        NodeFleet fleet = await env.StartNodesAsync(first, second);
        await fleet.SetBehaviourAsync(first, NodeBehaviour.Silent);
        await fleet.SetBehaviourAsync(second, NodeBehaviour.Silent);

        var clock = Stopwatch.StartNew();
        DriverResult result = await env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(Gateway(first), Gateway(second)), CancellationToken.None);
        clock.Stop();

        Assert.False(result.IsAck);
        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(5));
        Assert.Equal(1, first.ReceivedCount);
        Assert.Equal(1, second.ReceivedCount);
        Assert.Equal(0, env.Pending.Count);
    }

    [Fact]
    public async Task Disconnect_NodeWithAnotherMac_IgnoresTheCommand_Nak506()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(_kind, TimeSpan.FromMilliseconds(500));
        SimulatedNode node = SimulatedNode.MeshNode(401, "02-00-00-00-04-01", CoovaRequests.MeshId);
        await env.StartNodesAsync(node);

        DriverResult result = await env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(new MeshNode(401, "02-00-00-00-04-99", CoovaRequests.MeshId)), CancellationToken.None);

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Empty(node.Received);
        Assert.Equal(1, node.IgnoredCount);
    }

    [Fact]
    public async Task Disconnect_SlowNodeWithinTheTimeout_Acks()
    {
        SimulatedNode node = SimulatedNode.MeshNode(501, "02-00-00-00-05-01", CoovaRequests.MeshId);
        node.SlowDelay = TimeSpan.FromMilliseconds(300);
        NodeFleet fleet = await _env.StartNodesAsync(node);
        await fleet.SetBehaviourAsync(node, NodeBehaviour.Slow);

        DriverResult result = await _env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"), CoovaRequests.Mesh(Gateway(node)), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
    }

    [Theory]
    [InlineData(1_000_000u, 4_000_000u, null, null, null, "chilli_query update mac 0C-C6-FD-7B-8B-AA maxbwup 1000000 maxbwdown 4000000")]
    [InlineData(null, null, 512u, 2048u, null, "chilli_query update mac 0C-C6-FD-7B-8B-AA maxbwup 512000 maxbwdown 2048000")]
    [InlineData(1_000_000u, 4_000_000u, 256u, null, 3600u, "chilli_query update mac 0C-C6-FD-7B-8B-AA maxbwup 256000 maxbwdown 4000000 sessiontimeout 3600")]
    public async Task Coa_Bandwidth_SendsChilliQueryUpdateInBitsPerSecond_AndAcks(uint? wisprUp, uint? wisprDown, uint? chilliUp, uint? chilliDown,
        uint? sessionTimeout, string expectedCommand)
    {
        SimulatedNode ap = SimulatedNode.AccessPoint(12, "64-64-4A-DD-07-12");
        await _env.StartNodesAsync(ap);
        DynamicAuthorizationRequest coa = CoovaRequests.Coa("0c-c6-fd-7b-8b-aa") with
        {
            WisprBandwidthMaxUp = wisprUp,
            WisprBandwidthMaxDown = wisprDown,
            ChilliSpotBandwidthMaxUp = chilliUp,
            ChilliSpotBandwidthMaxDown = chilliDown,
            SessionTimeout = sessionTimeout,
        };

        DriverResult result = await _env.Driver.ExecuteAsync(coa, CoovaRequests.Ap(12, ap.Mac), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        ReceivedNodeCommand command = Assert.Single(ap.Received);
        Assert.Equal(expectedCommand, command.Command);
        Assert.Equal("execute", command.Action);
    }

    private static MeshNode Gateway(SimulatedNode node) => new(node.Id, node.Mac, node.MeshId!);
}
