using System.Buffers;
using System.Text;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Tests.Coova;

public sealed class PendingReplyTableTests
{
    private static readonly NodeReplyKey s_key = new(NodeMode.Mesh, 146, 42);

    [Fact]
    public void TryAdd_BeyondCapacity_IsRefused_AndRemoveFreesRoom()
    {
        var table = new PendingReplyTable(capacity: 2);

        Assert.True(table.TryAdd(new NodeReplyKey(NodeMode.Mesh, 1, 1), new ReplyWaiter()));
        Assert.True(table.TryAdd(new NodeReplyKey(NodeMode.Mesh, 2, 1), new ReplyWaiter()));
        Assert.False(table.TryAdd(new NodeReplyKey(NodeMode.Mesh, 3, 1), new ReplyWaiter()));
        Assert.Equal(2, table.Count);

        table.Remove(new NodeReplyKey(NodeMode.Mesh, 1, 1));
        Assert.True(table.TryAdd(new NodeReplyKey(NodeMode.Mesh, 3, 1), new ReplyWaiter()));
        Assert.Equal(2, table.Count);
    }

    [Theory]
    [InlineData("os_command")]
    [InlineData("fetched")]
    [InlineData("replied")]
    public async Task Dispatch_AcknowledgingStatus_CompletesTheWaiter(string status)
    {
        var table = new PendingReplyTable();
        var waiter = new ReplyWaiter();
        table.TryAdd(s_key, waiter);

        Assert.NotNull(table.Dispatch(Json($"{{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":42,\"status\":\"{status}\"}}")));

        ReplyWaitResult result = await waiter.Task;
        Assert.Equal(ReplyWaitStatus.Acknowledged, result.Status);
        Assert.Equal(status, result.Reply!.Status);
    }

    [Theory]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":42,\"status\":\"config_fetched\"}")]
    [InlineData("{\"mode\":\"ap\",\"ap_id\":146,\"cmd_id\":42,\"status\":\"os_command\"}")]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":147,\"cmd_id\":42,\"status\":\"os_command\"}")]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":43,\"status\":\"os_command\"}")]
    public void Dispatch_OtherReplies_LeaveTheWaiterPending(string json)
    {
        var table = new PendingReplyTable();
        var waiter = new ReplyWaiter();
        table.TryAdd(s_key, waiter);

        Assert.Null(table.Dispatch(Json(json)));
        Assert.False(waiter.Task.IsCompleted);
    }

    [Fact]
    public async Task FailAll_CompletesEveryWaiterWithConnectionLost()
    {
        var table = new PendingReplyTable();
        var waiter = new ReplyWaiter();
        table.TryAdd(s_key, waiter);

        table.FailAll();

        Assert.Equal(ReplyWaitStatus.ConnectionLost, (await waiter.Task).Status);
    }

    private static ReadOnlySequence<byte> Json(string text) => new(Encoding.UTF8.GetBytes(text));
}
