using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>
/// Records MQTT commands as RADIUSdesk <c>node_actions</c> / <c>ap_actions</c> rows (<c>record_actions = yes</c>,
/// docs/radiusdesk.md) so the UI shows them and the nodes' one-minute polling still delivers them. The default
/// implementation records nothing and the Coova driver makes its own cmd_ids.
/// </summary>
public interface INodeActionRecorder
{
    /// <summary>Inserts an <c>awaiting</c> row and returns its id (used as the MQTT cmd_id), or null when not recording.</summary>
    ValueTask<long?> RecordAsync(NodeMode mode, long deviceId, string command, CancellationToken cancellationToken);

    /// <summary>Sets the row to <c>fetched</c> (on os_command/fetched) or <c>replied</c> (with the node's reply).</summary>
    ValueTask MarkAsync(NodeMode mode, long cmdId, string status, string? reply, CancellationToken cancellationToken);
}
