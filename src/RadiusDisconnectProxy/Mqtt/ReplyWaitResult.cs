namespace RadiusDisconnectProxy.Mqtt;

/// <summary>How a wait for node replies ended; <see cref="Reply"/> is set when acknowledged.</summary>
internal readonly record struct ReplyWaitResult(ReplyWaitStatus Status, NodeReply? Reply);
