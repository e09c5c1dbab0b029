namespace RadiusDisconnectProxy.Mqtt;

/// <param name="Reply">The acknowledging reply (<see cref="NodeCommandStatus.Acknowledged"/> only).</param>
public readonly record struct NodeCommandOutcome(NodeCommandStatus Status, NodeReply? Reply);
