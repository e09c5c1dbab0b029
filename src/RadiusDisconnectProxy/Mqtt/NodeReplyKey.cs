
namespace RadiusDisconnectProxy.Mqtt;

/// <summary>What a node reply is matched on: (<c>mode</c>, <c>node_id</c>/<c>ap_id</c>, <c>cmd_id</c>) (docs/meshdesk.md §3).</summary>
public readonly record struct NodeReplyKey(NodeMode Mode, long DeviceId, long CmdId);
