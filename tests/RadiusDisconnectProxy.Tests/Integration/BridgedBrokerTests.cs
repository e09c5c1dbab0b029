using System.Globalization;
using MQTTnet;
using MQTTnet.Protocol;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// The broker as RADIUSdesk users run it (docs/high-availability.md): the nodes on one mosquitto, the proxies on another,
/// the two bridged with <c>topic /RD/# both 1</c>. Commands cross the bridge to the nodes and replies cross back to
/// every proxy; each proxy gets its ACK from its own command's reply and ignores the other's.
/// </summary>
[Trait("Category", "RealService")]
public sealed class BridgedBrokerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task NodesOnOneBroker_ProxiesOnABridgedOne_DisconnectAckedThroughTheBridge()
    {
        await using MosquittoBroker nodeSide = await MosquittoBroker.StartAsync(MosquittoFixture.Username, MosquittoFixture.Password);
        await using MosquittoBroker proxySide = await MosquittoBroker.StartAsync(MosquittoFixture.Username, MosquittoFixture.Password,
        [
            "connection to-nodes",
            string.Create(CultureInfo.InvariantCulture, $"address 127.0.0.1:{nodeSide.Port}"),
            "remote_username " + MosquittoFixture.Username,
            "remote_password " + MosquittoFixture.Password,
            "topic /RD/# both 1",
            "cleansession true",
            "restart_timeout 1",
        ]);
        await WaitForBridgeAsync(nodeSide.Port, proxySide.Port);
        SimulatedNode[] nodes = [SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH"), SimulatedNode.MeshNode(147, "C4-4B-D1-00-97-4A", "MY-MESH")];
        await using NodeFleet fleet = await NodeFleet.StartAsync("127.0.0.1", nodeSide.Port, MosquittoFixture.Username, MosquittoFixture.Password, nodes);
        string body = string.Create(CultureInfo.InvariantCulture,
            $"mqtt {{ mode = external  server = 127.0.0.1  port = {proxySide.Port}  username = {MosquittoFixture.Username}  password = {MosquittoFixture.Password}  reply_timeout = 3s }}\n")
            + CoovaIntegrationTests.MeshNas("mesh12", "mcp_12", nodes);
        await using IntegrationProxy first = await IntegrationProxy.StartAsync(body);
        await using IntegrationProxy second = await IntegrationProxy.StartAsync(body);
        await first.WaitForMqttAsync();
        await second.WaitForMqttAsync();

        RadclientResult[] answers = await Task.WhenAll(
            first.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_12\", Calling-Station-Id = \"0c:c6:fd:7b:8b:aa\""),
            second.RadclientAsync("disconnect", "NAS-Identifier = \"mcp_12\", Calling-Station-Id = \"0c:c6:fd:7b:8b:ab\""));

        Assert.All(answers, a => Assert.True(a.ReplyCode == "Disconnect-ACK", a.ToString()));
        await nodes[1].WaitForCommandsAsync(2, s_wait);
        Assert.All(nodes, n => Assert.Equal(
            ["chilli_query logout mac 0C-C6-FD-7B-8B-AA", "chilli_query logout mac 0C-C6-FD-7B-8B-AB"],
            n.Received.Select(c => c.Command).Order(StringComparer.Ordinal)));
    }

    /// <summary>Bounded: publishes on the proxy side until a message arrives on the node side (the bridge is up).</summary>
    private static async Task WaitForBridgeAsync(int nodePort, int proxyPort)
    {
        var factory = new MqttClientFactory();
        using IMqttClient listener = factory.CreateMqttClient();
        using IMqttClient publisher = factory.CreateMqttClient();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.ApplicationMessageReceivedAsync += _ =>
        {
            arrived.TrySetResult();
            return Task.CompletedTask;
        };
        await listener.ConnectAsync(Options(nodePort));
        await listener.SubscribeAsync("/RD/BRIDGE/PROBE", MqttQualityOfServiceLevel.AtLeastOnce);
        await publisher.ConnectAsync(Options(proxyPort));
        using var deadline = new CancellationTokenSource(s_wait);
        while (!arrived.Task.IsCompleted)
        {
            await publisher.PublishStringAsync("/RD/BRIDGE/PROBE", "probe", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: deadline.Token);
            await Task.WhenAny(arrived.Task, Task.Delay(200, deadline.Token));
        }
    }

    private static MqttClientOptions Options(int port) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
        .WithCredentials(MosquittoFixture.Username, MosquittoFixture.Password).WithClientId("rdp-bridge-probe-" + Guid.NewGuid().ToString("N")[..8]).Build();
}
