using System.Buffers;
using System.Text;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Tests.Coova;

public sealed class NodeCommandJsonTests
{
    [Fact]
    public void Write_Mesh_IsTheDesignJsonInFieldOrder()
    {
        var command = new NodeCommand(NodeMode.Mesh, 146, "C4-4B-D1-00-97-49", "MY-MESH", 2345, "chilli_query logout mac 0C-C6-FD-7B-8B-AA");

        Assert.Equal(
            "{\"mode\":\"mesh\",\"node_id\":146,\"mac\":\"C4-4B-D1-00-97-49\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":2345,"
            + "\"cmd\":\"chilli_query logout mac 0C-C6-FD-7B-8B-AA\",\"action\":\"execute\"}",
            NodeCommandJson.ToJsonString(command));
    }

    [Fact]
    public void Write_Ap_HasApIdAndNoMeshId()
    {
        var command = new NodeCommand(NodeMode.Ap, 7, "64-64-4A-DD-07-0F", null, 77, "chilli_query logout mac 0C-C6-FD-7B-8B-AA");

        Assert.Equal(
            "{\"mode\":\"ap\",\"ap_id\":7,\"mac\":\"64-64-4A-DD-07-0F\",\"cmd_id\":77,\"cmd\":\"chilli_query logout mac 0C-C6-FD-7B-8B-AA\",\"action\":\"execute\"}",
            NodeCommandJson.ToJsonString(command));
    }

    [Fact]
    public void Write_LargestCmdId_IsAPlainInteger()
    {
        var command = new NodeCommand(NodeMode.Ap, 1, "64-64-4A-DD-07-0F", null, (1L << 53) - 1, "x", NodeCommand.ExecuteAndReply);

        Assert.Contains("\"cmd_id\":9007199254740991,", NodeCommandJson.ToJsonString(command), StringComparison.Ordinal);
        Assert.EndsWith("\"action\":\"execute_and_reply\"}", NodeCommandJson.ToJsonString(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_QuotesAndBackslashesInAMeshId_AreEscaped()
    {
        var command = new NodeCommand(NodeMode.Mesh, 1, "C4-4B-D1-00-97-49", "A\"B\\C", 1, "x");

        Assert.Contains("\"mesh_id\":\"A\\\"B\\\\C\"", NodeCommandJson.ToJsonString(command), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"mesh_id\":\"M\",\"mac\":\"C4-4B-D1-00-97-49\",\"cmd_id\":2345,\"status\":\"os_command\"}", NodeMode.Mesh, 146, 2345, "os_command", null)]
    [InlineData("{\"mode\":\"ap\",\"ap_id\":\"12\",\"mac\":\"X\",\"cmd_id\":\"77\",\"status\":\"replied\",\"reply\":\"done\\n\"}", NodeMode.Ap, 12, 77, "replied", "done\n")]
    [InlineData("{\"extra\":{\"nested\":[1,2]},\"status\":\"fetched\",\"cmd_id\":5,\"ap_id\":3,\"mode\":\"ap\"}", NodeMode.Ap, 3, 5, "fetched", null)]
    public void TryParseReply_ReadsTheMatchFields(string json, NodeMode mode, long deviceId, long cmdId, string status, string? output)
    {
        Assert.True(NodeCommandJson.TryParseReply(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out NodeReply? reply));

        Assert.Equal(new NodeReplyKey(mode, deviceId, cmdId), reply!.Key);
        Assert.Equal(status, reply.Status);
        Assert.Equal(output, reply.Reply);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":1}")]
    [InlineData("{\"mode\":\"mesh\",\"ap_id\":146,\"cmd_id\":1,\"status\":\"os_command\"}")]
    [InlineData("{\"mode\":\"other\",\"node_id\":146,\"cmd_id\":1,\"status\":\"os_command\"}")]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":1.5,\"status\":\"os_command\"}")]
    [InlineData("{\"mode\":\"mesh\",\"node_id\":146,\"cmd_id\":1,\"status\":\"os_command\"")]
    public void TryParseReply_RejectsWhatCannotBeMatched(string json)
    {
        Assert.False(NodeCommandJson.TryParseReply(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out _));
    }

    /// <summary>Found by fuzzing (fuzz/corpus/mqtt-reply/crash-invalid-utf8-in-status): GetString threw on invalid UTF-8.</summary>
    [Theory]
    [InlineData("status")]
    [InlineData("reply")]
    public void TryParseReply_InvalidUtf8InAString_IsRejectedWithoutThrowing(string field)
    {
        byte[] json = [.. Encoding.UTF8.GetBytes($"{{\"mode\":\"mesh\",\"node_id\":1,\"cmd_id\":2,\"status\":\"os_command\",\"{field}\":\"conf"), 0xFE, .. "\"}"u8];
        Assert.False(NodeCommandJson.TryParseReply(new ReadOnlySequence<byte>(json), out NodeReply? reply));
        Assert.Null(reply);
        Assert.Null(new PendingReplyTable().Dispatch(new ReadOnlySequence<byte>(json)));
    }
}
