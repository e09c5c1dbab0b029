
namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// One command for one MESHdesk node or APdesk AP, as published on its command topic (docs/meshdesk.md §3).
/// </summary>
/// <param name="Mode">Mesh node or AP.</param>
/// <param name="DeviceId"><c>nodes.id</c> or <c>aps.id</c>.</param>
/// <param name="DeviceMac">The node's own MAC, upper case with dashes (the firmware drops messages for other MACs).</param>
/// <param name="MeshId">The mesh identifier (mesh only; null for APs).</param>
/// <param name="CmdId">The command id the node echoes in its replies.</param>
/// <param name="Command">The shell command, e.g. <c>chilli_query logout mac 0C-C6-FD-7B-8B-AA</c>.</param>
/// <param name="Action"><c>execute</c> (reply <c>os_command</c>) or <c>execute_and_reply</c> (<c>fetched</c>, then <c>replied</c>).</param>
public sealed record NodeCommand(NodeMode Mode, long DeviceId, string DeviceMac, string? MeshId, long CmdId, string Command, string Action = NodeCommand.Execute)
{
    public const string Execute = "execute";
    public const string ExecuteAndReply = "execute_and_reply";

    public NodeReplyKey ReplyKey => new(Mode, DeviceId, CmdId);
}
