using RadiusDisconnectProxy.Drivers.Coova;
using System.Diagnostics;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Meshdesk;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// The external broker going away: requests never wait on a dead connection (NAK 506 at once, not after the reply
/// timeout), and the proxy reconnects and re-subscribes by itself once the broker is back.
/// </summary>
[Trait("Category", "RealService")]
[Collection(CoovaCollection.Name)]
public sealed class CoovaBrokerOutageTests
{
    private static readonly TimeSpan s_fast = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_recovery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task BrokerStoppedMidRun_Nak506Fast_ThenAcksAgainOnceItIsBack()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Mosquitto, TimeSpan.FromSeconds(5));
        SimulatedNode node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", CoovaRequests.MeshId);
        await using (await NodeFleet.StartAsync(env.Host, env.Port, CoovaTestEnvironment.Username, CoovaTestEnvironment.Password, [node]))
        {
            Assert.True((await DisconnectAsync(env, node)).IsAck);
            await env.Mosquitto!.StopAsync();

            var clock = Stopwatch.StartNew();
            DriverResult duringOutage = await DisconnectAsync(env, node);

            Assert.Equal(ErrorCause.ResourcesUnavailable, duringOutage.ErrorCause);
            Assert.True(clock.Elapsed < s_fast, $"NAK took {clock.Elapsed}");
        }

        await env.Mosquitto.StartAsync();
        await using NodeFleet fleet = await NodeFleet.StartAsync(env.Host, env.Port, CoovaTestEnvironment.Username, CoovaTestEnvironment.Password, [node]);
        DriverResult afterOutage = await RetryUntilAckAsync(env, node);
        Assert.True(afterOutage.IsAck, afterOutage.Detail);
    }

    [Fact]
    public async Task BrokerDiesWhileWaitingForTheNode_Nak506AtOnce_NotAtTheReplyTimeout()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Mosquitto, TimeSpan.FromSeconds(8));
        SimulatedNode node = SimulatedNode.MeshNode(147, "C4-4B-D1-00-97-4A", CoovaRequests.MeshId);
        node.SlowDelay = TimeSpan.FromSeconds(30);
        NodeFleet fleet = await env.StartNodesAsync(node);
        await fleet.SetBehaviourAsync(node, NodeBehaviour.Slow);

        Task<DriverResult> request = DisconnectAsync(env, node).AsTask();
        await node.WaitForCommandsAsync(1, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await env.Mosquitto!.StopAsync();
        DriverResult result = await request.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.True(clock.Elapsed < s_fast, $"NAK took {clock.Elapsed} after the broker died");
        Assert.Equal(0, env.Pending.Count);
    }

    [Fact]
    public async Task ProxyStartsWhileTheBrokerIsDown_StartsAnyway_Nak506AtOnce_ThenConnects()
    {
        var clock = Stopwatch.StartNew();
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Mosquitto, TimeSpan.FromSeconds(5), brokerDownAtStart: true);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"start-up took {clock.Elapsed}");
        Assert.False(env.Transport.IsConnected);
        SimulatedNode node = SimulatedNode.MeshNode(148, "C4-4B-D1-00-97-4B", CoovaRequests.MeshId);

        clock.Restart();
        DriverResult whileDown = await DisconnectAsync(env, node);
        Assert.Equal(ErrorCause.ResourcesUnavailable, whileDown.ErrorCause);
        Assert.True(clock.Elapsed < s_fast, $"NAK took {clock.Elapsed}");

        await env.Mosquitto!.StartAsync();
        await env.StartNodesAsync(node);
        DriverResult afterStart = await RetryUntilAckAsync(env, node);
        Assert.True(afterStart.IsAck, afterStart.Detail);
    }

    private static ValueTask<DriverResult> DisconnectAsync(CoovaTestEnvironment env, SimulatedNode node) =>
        env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(new MeshNode(node.Id, node.Mac, node.MeshId!)), CancellationToken.None);

    /// <summary>Each attempt fails fast while the proxy is still reconnecting; the first success ends the wait.</summary>
    private static async Task<DriverResult> RetryUntilAckAsync(CoovaTestEnvironment env, SimulatedNode node)
    {
        var deadline = Stopwatch.StartNew();
        DriverResult result;
        do
        {
            result = await DisconnectAsync(env, node);
            if (result.IsAck)
            {
                return result;
            }

            await Task.Delay(100);
        }
        while (deadline.Elapsed < s_recovery);

        return result;
    }
}
