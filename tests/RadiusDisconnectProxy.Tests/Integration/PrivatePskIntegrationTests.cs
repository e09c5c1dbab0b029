using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 12 end to end for <c>type = private_psk</c>: radclient → the whole daemon → mosquitto → the node or AP the
/// Operator-Name names, which runs <c>hostapd_disconnect.lua</c>.
/// </summary>
[Trait("Category", "RealService")]
public sealed class PrivatePskIntegrationTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disconnect_MeshOperatorName_CommandGoesToThatNode_WithTheSameJson_Ack()
    {
        var node146 = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        var node147 = SimulatedNode.MeshNode(147, "C4-4B-D1-00-97-4A", "MY-MESH");
        await using NodeFleet fleet = await StartFleetAsync(node146, node147);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas(node146, node147));
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_147\", Calling-Station-Id = \"0c:c6:fd:7b:8b:aa\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(0, node146.ReceivedCount);
        ReceivedNodeCommand command = Assert.Single(node147.Received);
        Assert.Equal("/RD/MESH/147/COMMAND", command.Topic);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"mesh\",\"node_id\":147,\"mac\":\"C4-4B-D1-00-97-4A\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":{command.CmdId},\"cmd\":\"/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AA 12\",\"action\":\"execute\"}}"),
            command.Json);
        Assert.Equal(new HostapdDisconnect("0c:c6:fd:7b:8b:aa", 12), Assert.Single(node147.HostapdDisconnects));
    }

    [Fact]
    public async Task Disconnect_ApOperatorName_Ack()
    {
        var ap = SimulatedNode.AccessPoint(7, "64-64-4A-DD-07-0F");
        await using NodeFleet fleet = await StartFleetAsync(ap);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection()
            + "nas psk_ap { type = private_psk  nasidentifier = a_hosta_3_9  ap 7 { mac = 64-64-4a-dd-07-0f } }\n");
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"a_hosta_3_9\", Operator-Name = \"a_hosta_3_9_0_7\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        ReceivedNodeCommand command = Assert.Single(ap.Received);
        Assert.Equal("/RD/AP/7/COMMAND", command.Topic);
        Assert.Contains("\"cmd\":\"/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AA 9\"", command.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_NodeSilent_Nak506_AfterTheReplyTimeout()
    {
        var node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleet = await StartFleetAsync(node);
        await fleet.SetBehaviourAsync(node, NodeBehaviour.Silent);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection("2s") + MeshNas(node));
        await proxy.WaitForMqttAsync();
        var elapsed = Stopwatch.StartNew();

        RadclientResult answer = await proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_146\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"", timeoutSeconds: 8);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        await node.WaitForCommandsAsync(1, s_wait);
    }

    [Theory]
    [InlineData("Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"", "Missing-Attribute")]
    [InlineData("Operator-Name = \"m_hosta_5_12_1_146\"", "Missing-Attribute")]
    [InlineData("Operator-Name = \"m_hosta_5_12_1_999\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"", "Proxy-Request-Not-Routable")]
    public async Task Disconnect_WithoutItsTarget_Nak_NoCommandSent(string keys, string cause)
    {
        var node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleet = await StartFleetAsync(node);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas(node));
        await proxy.WaitForMqttAsync();

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"m_hosta_5_12\", " + keys);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal(cause, answer.Attribute("Error-Cause"));
        Assert.Equal(0, node.ReceivedCount);
    }

    [Fact]
    public async Task Coa_Nak401_NothingToApply()
    {
        var node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleet = await StartFleetAsync(node);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(mosquitto.MqttSection() + MeshNas(node));

        RadclientResult answer = await proxy.RadclientAsync("coa",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_146\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\", Session-Timeout = 60");

        Assert.True(answer.ReplyCode == "CoA-NAK", answer.ToString());
        Assert.Equal("Unsupported-Attribute", answer.Attribute("Error-Cause"));
        Assert.Equal(0, node.ReceivedCount);
    }

    private static string MeshNas(params SimulatedNode[] nodes) =>
        "nas psk { type = private_psk  nasidentifier = m_hosta_5_12 "
        + string.Concat(nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $" node {n.Id} {{ mac = {n.Mac}  mesh_id = {n.MeshId} }}")))
        + " }\n";

    private Task<NodeFleet> StartFleetAsync(params SimulatedNode[] nodes) =>
        NodeFleet.StartAsync("127.0.0.1", mosquitto.Broker.Port, MosquittoFixture.Username, MosquittoFixture.Password, nodes);
}
