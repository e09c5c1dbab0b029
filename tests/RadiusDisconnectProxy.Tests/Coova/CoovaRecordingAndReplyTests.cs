using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>cmd_ids from the action recorder, and the execute_and_reply flow of the node simulator.</summary>
[Trait("Category", "RealService")]
[Collection(CoovaCollection.Name)]
public sealed class CoovaRecordingAndReplyTests
{
    [Fact]
    public async Task Disconnect_WithARecorder_UsesItsRowIdsAsCmdId_AndMarksTheAcknowledgedOneFetched()
    {
        var recorder = new RecordingNodeActionRecorder();
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(5), recorder);
        SimulatedNode silent = SimulatedNode.MeshNode(11, "02-00-00-00-00-11", CoovaRequests.MeshId);
        SimulatedNode working = SimulatedNode.MeshNode(12, "02-00-00-00-00-12", CoovaRequests.MeshId);
        NodeFleet fleet = await env.StartNodesAsync(silent, working);
        await fleet.SetBehaviourAsync(silent, NodeBehaviour.Silent);

        DriverResult result = await env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(new MeshNode(11, silent.Mac, CoovaRequests.MeshId), new MeshNode(12, working.Mac, CoovaRequests.MeshId)), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(2, recorder.Recorded.Count);
        Assert.All(recorder.Recorded, r => Assert.Equal("chilli_query logout mac 0C-C6-FD-7B-8B-AA", r.Command));
        long workingRow = recorder.Recorded.Single(r => r.DeviceId == 12).Id;
        Assert.Equal(workingRow, Assert.Single(working.Received).CmdId);
        Assert.Equal((NodeMode.Mesh, workingRow, "fetched", (string?)null), Assert.Single(recorder.Marked));
    }

    [Fact]
    public async Task Disconnect_RecorderFails_CommandStillSentWithAProxyMadeCmdId_AndAcked()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(5),
            new RecordingNodeActionRecorder { Fail = true });
        SimulatedNode node = SimulatedNode.MeshNode(13, "02-00-00-00-00-13", CoovaRequests.MeshId);
        await env.StartNodesAsync(node);

        DriverResult result = await env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(new MeshNode(13, node.Mac, CoovaRequests.MeshId)), CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        Assert.True(Assert.Single(node.Received).CmdId >= 1L << 32);
    }

    [Fact]
    public async Task ExecuteAndReply_NodeSendsFetchedThenRepliedWithTheOutput()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Mosquitto, TimeSpan.FromSeconds(5));
        SimulatedNode ap = SimulatedNode.AccessPoint(21, "64-64-4A-DD-07-21");
        ap.CommandOutput = command => "ran: " + command;
        await env.StartNodesAsync(ap);
        MosquittoSubscriber responses = await env.WatchAsync(MqttTopics.CommandResponse);
        var command = new NodeCommand(NodeMode.Ap, 21, ap.Mac, null, 900, "chilli_query list", NodeCommand.ExecuteAndReply);

        NodeCommandOutcome outcome = await env.Bus.SendToAnyAsync([command], TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(NodeCommandStatus.Acknowledged, outcome.Status);
        Assert.Equal(new NodeReplyKey(NodeMode.Ap, 21, 900), outcome.Reply!.Key);
        (string _, string fetched) = await responses.NextAsync(TimeSpan.FromSeconds(10));
        (string _, string replied) = await responses.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("{\"mode\":\"ap\",\"ap_id\":21,\"mac\":\"64-64-4A-DD-07-21\",\"cmd_id\":900,\"status\":\"fetched\"}", fetched);
        Assert.Equal("{\"mode\":\"ap\",\"ap_id\":21,\"mac\":\"64-64-4A-DD-07-21\",\"cmd_id\":900,\"status\":\"replied\",\"reply\":\"ran: chilli_query list\"}", replied);
        Assert.Equal(NodeCommand.ExecuteAndReply, Assert.Single(ap.Received).Action);
    }

    [Fact]
    public async Task PendingTableFull_Nak506()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(5), pendingCapacity: 1);
        SimulatedNode slow = SimulatedNode.MeshNode(31, "02-00-00-00-00-31", CoovaRequests.MeshId);
        slow.SlowDelay = TimeSpan.FromMilliseconds(1500);
        NodeFleet fleet = await env.StartNodesAsync(slow);
        await fleet.SetBehaviourAsync(slow, NodeBehaviour.Slow);
        NasTarget nas = CoovaRequests.Mesh(new MeshNode(31, slow.Mac, CoovaRequests.MeshId));

        Task<DriverResult> first = env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"), nas, CancellationToken.None).AsTask();
        await slow.WaitForCommandsAsync(1, TimeSpan.FromSeconds(10));
        DriverResult second = await env.Driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AB"), nas, CancellationToken.None);

        Assert.Equal(Radius.Attributes.ErrorCause.ResourcesUnavailable, second.ErrorCause);
        Assert.True((await first).IsAck);
        Assert.Equal(0, env.Pending.Count);
    }
}
