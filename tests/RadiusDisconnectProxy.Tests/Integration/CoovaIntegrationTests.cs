using System.Globalization;
using System.Text.Json;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 4 item 7 end to end: radclient → the whole daemon (as <c>serve</c> builds it) → MQTT (a real mosquitto, or the
/// embedded broker) → MESHdesk/APdesk node simulators → the answer radclient prints.
/// </summary>
[Trait("Category", "RealService")]
public sealed class CoovaIntegrationTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const string ClientMac = "0C-C6-FD-7B-8B-AA";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disconnect_Mosquitto_ExactTopicAndJson_AtNodeAndOnTheWire_Ack()
    {
        var node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleet = await StartFleetAsync(mosquitto.Broker.Port, node);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas("mesh12", "mcp_12", node));
        await using MosquittoSubscriber witness = await mosquitto.SubscribeAsync("/RD/MESH/146/COMMAND");
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_12\", Calling-Station-Id = \"0c:c6:fd:7b:8b:aa\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        ReceivedNodeCommand command = Assert.Single(node.Received);
        Assert.Equal("/RD/MESH/146/COMMAND", command.Topic);
        Assert.False(command.Retained);
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"mesh\",\"node_id\":146,\"mac\":\"C4-4B-D1-00-97-49\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":{command.CmdId},\"cmd\":\"chilli_query logout mac {ClientMac}\",\"action\":\"execute\"}}");
        Assert.Equal(expected, command.Json);
        Assert.InRange(command.CmdId, 1, (1L << 53) - 1);
        (string topic, string payload) = await witness.NextAsync(s_wait);
        Assert.Equal("/RD/MESH/146/COMMAND", topic);
        Assert.Equal(expected, payload);
    }

    [Fact]
    public async Task Disconnect_EmbeddedBroker_ApNode_Ack()
    {
        int port = MosquittoBroker.FreeTcpPort();
        var ap = SimulatedNode.AccessPoint(7, "64-64-4A-DD-07-0F");
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(string.Create(CultureInfo.InvariantCulture,
            $"mqtt {{ mode = embedded  server = 127.0.0.1  port = {port}  username = {MosquittoFixture.Username}  password = {MosquittoFixture.Password}  reply_timeout = 2s }}\n")
            + "nas ap7 { type = CoovaMeshdesk  nasidentifier = ap_7_cp_3  mac = 64-64-4a-dd-07-0f }\n");
        await using NodeFleet fleet = await StartFleetAsync(port, ap);
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"ap_7_cp_3\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        ReceivedNodeCommand command = Assert.Single(ap.Received);
        Assert.Equal("/RD/AP/7/COMMAND", command.Topic);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"ap\",\"ap_id\":7,\"mac\":\"64-64-4A-DD-07-0F\",\"cmd_id\":{command.CmdId},\"cmd\":\"chilli_query logout mac {ClientMac}\",\"action\":\"execute\"}}"),
            command.Json);
    }

    [Fact]
    public async Task Disconnect_MeshOfThreeGateways_OneOffline_Ack_EveryOnlineNodeGotTheCommand()
    {
        SimulatedNode[] nodes =
        [
            SimulatedNode.MeshNode(301, "C4-4B-D1-00-03-01", "MESH-3"),
            SimulatedNode.MeshNode(302, "C4-4B-D1-00-03-02", "MESH-3"),
            SimulatedNode.MeshNode(303, "C4-4B-D1-00-03-03", "MESH-3"),
        ];
        await using NodeFleet fleet = await StartFleetAsync(mosquitto.Broker.Port, nodes);
        await fleet.SetBehaviourAsync(nodes[0], NodeBehaviour.Offline);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas("mesh3", "mcp_3", nodes));
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_3\", Calling-Station-Id = \"0c-c6-fd-7b-8b-aa\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Empty(nodes[0].Received);
        await nodes[1].WaitForCommandsAsync(1, s_wait);
        await nodes[2].WaitForCommandsAsync(1, s_wait);
        Assert.All(nodes[1..], n => Assert.Equal("chilli_query logout mac " + ClientMac, Assert.Single(n.Received).Command));
    }

    [Fact]
    public async Task Disconnect_AllNodesSilent_Nak506_WithinTheReplyTimeout()
    {
        SimulatedNode[] nodes = [SimulatedNode.MeshNode(401, "C4-4B-D1-00-04-01", "MESH-4"), SimulatedNode.MeshNode(402, "C4-4B-D1-00-04-02", "MESH-4")];
        await using NodeFleet fleet = await StartFleetAsync(mosquitto.Broker.Port, nodes);
        foreach (SimulatedNode node in nodes)
        {
            await fleet.SetBehaviourAsync(node, NodeBehaviour.Silent);
        }

        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection("1s") + MeshNas("mesh4", "mcp_4", nodes));
        await proxy.WaitForMqttAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // radclient gives up after 4 s without retransmitting: a reply at all proves the proxy answered in time.
        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_4\", Calling-Station-Id = \"" + ClientMac + "\"", timeoutSeconds: 4);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"answered after {clock.Elapsed}, before the reply timeout");

        // The command went out to both nodes; on a loaded machine delivery may trail the NAK, so wait for it (bounded).
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (nodes.Any(n => n.Received.Count == 0) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.All(nodes, n => Assert.Single(n.Received));
    }

    [Theory]
    [InlineData("WISPr-Bandwidth-Max-Up = 1000000, WISPr-Bandwidth-Max-Down = 4000000", "maxbwup 1000000 maxbwdown 4000000")]
    [InlineData("ChilliSpot-Bandwidth-Max-Up = 512, ChilliSpot-Bandwidth-Max-Down = 2048", "maxbwup 512000 maxbwdown 2048000")]
    public async Task Coa_Bandwidth_BecomesChilliQueryUpdate_Ack(string bandwidth, string expected)
    {
        var node = SimulatedNode.MeshNode(501, "C4-4B-D1-00-05-01", "MESH-5");
        await using NodeFleet fleet = await StartFleetAsync(mosquitto.Broker.Port, node);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas("mesh5", "mcp_5", node));
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("coa", $"NAS-Identifier = \"mcp_5\", Calling-Station-Id = \"{ClientMac}\", {bandwidth}");

        Assert.True(answer.ReplyCode == "CoA-ACK", answer.ToString());
        ReceivedNodeCommand command = Assert.Single(node.Received);
        Assert.Equal($"chilli_query update mac {ClientMac} {expected}", command.Command);
        using JsonDocument json = JsonDocument.Parse(command.Json);
        Assert.Equal("/RD/MESH/501/COMMAND", command.Topic);
        Assert.Equal(501, json.RootElement.GetProperty("node_id").GetInt64());
    }

    [Fact]
    public async Task Disconnect_NoCallingStationId_NoDatabase_Nak402_NothingPublished()
    {
        var node = SimulatedNode.MeshNode(601, "C4-4B-D1-00-06-01", "MESH-6");
        await using NodeFleet fleet = await StartFleetAsync(mosquitto.Broker.Port, node);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas("mesh6", "mcp_6", node));
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_6\", User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Missing-Attribute", answer.Attribute("Error-Cause"));
        Assert.Equal(0, node.ReceivedCount);
    }

    internal static string MeshNas(string name, string nasIdentifier, params SimulatedNode[] nodes) =>
        $"nas {name} {{ type = CoovaMeshdesk  nasidentifier = {nasIdentifier}\n"
        + string.Concat(nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"  node {n.Id} {{ mac = {n.Mac}  mesh_id = {n.MeshId} }}\n")))
        + "}\n";

    private static Task<NodeFleet> StartFleetAsync(int port, params SimulatedNode[] nodes) =>
        NodeFleet.StartAsync("127.0.0.1", port, MosquittoFixture.Username, MosquittoFixture.Password, nodes);
}
