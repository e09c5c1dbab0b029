namespace RadiusDisconnectProxy.Mqtt;

/// <summary>A node's answer on <see cref="MqttTopics.CommandResponse"/>.</summary>
/// <param name="Key">Which command it answers.</param>
/// <param name="Status"><c>os_command</c>, <c>fetched</c> or <c>replied</c> (anything else is ignored).</param>
/// <param name="Reply">The command's output (<c>replied</c> only).</param>
public sealed record NodeReply(NodeReplyKey Key, string Status, string? Reply)
{
    public const string OsCommand = "os_command";
    public const string Fetched = "fetched";
    public const string Replied = "replied";

    /// <summary>True for the statuses that mean the node took the command (docs/meshdesk.md §4).</summary>
    public static bool IsAcknowledgement(string status) => status is OsCommand or Fetched or Replied;
}
