using RadiusDisconnectProxy.Drivers.Coova;
using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using Xunit.Abstractions;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// 1,000 simulated nodes on one mosquitto and 1,000 disconnects spread over them, all in flight together: every one
/// ACKed, every node got exactly its own command on its own topic. (Throughput figures come from the load tests.)
/// </summary>
[Trait("Category", "RealService")]
[Collection(CoovaCollection.Name)]
public sealed class CoovaScaleTests(ITestOutputHelper output)
{
    private const int Nodes = 1000;

    [Fact]
    public async Task ThousandNodes_ThousandDisconnects_AllAckedWithTheRightCommandOnTheRightTopic()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Mosquitto, TimeSpan.FromSeconds(15));
        SimulatedNode[] nodes = Enumerable.Range(1, Nodes)
            .Select(i => SimulatedNode.MeshNode(10_000 + i, Mac(0x02_00_00_00_00_00L + i), "SCALE-MESH"))
            .ToArray();
        await env.StartNodesAsync(nodes);

        var clock = Stopwatch.StartNew();
        DriverResult[] results = await Task.WhenAll(nodes.Select((node, i) => env.Driver.ExecuteAsync(
            CoovaRequests.Disconnect(Mac(0x0C_00_00_00_00_00L + i)),
            CoovaRequests.Mesh(new MeshNode(node.Id, node.Mac, "SCALE-MESH")), CancellationToken.None).AsTask()));
        clock.Stop();
        output.WriteLine($"{Nodes} disconnects over MQTT to {Nodes} nodes: {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.All(results, r => Assert.True(r.IsAck, r.Detail));
        for (int i = 0; i < Nodes; i++)
        {
            ReceivedNodeCommand command = Assert.Single(nodes[i].Received);
            Assert.Equal(nodes[i].CommandTopic, command.Topic);
            Assert.Equal("chilli_query logout mac " + Mac(0x0C_00_00_00_00_00L + i), command.Command);
            Assert.Equal(0, nodes[i].IgnoredCount);
        }

        Assert.Equal(0, env.Pending.Count);
    }

    private static string Mac(long value)
    {
        string hex = value.ToString("X12", CultureInfo.InvariantCulture);
        return string.Join('-', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)));
    }
}
