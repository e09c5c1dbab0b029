using RadiusDisconnectProxy.Mqtt;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers.Coova;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// <c>record_actions = yes</c> (docs/radiusdesk.md): each MQTT command is also a <c>node_actions</c> / <c>ap_actions</c> row, so
/// RADIUSdesk's UI shows it and the node's one-minute polling still delivers it if MQTT could not. The two tables number
/// independently, which is why replies are matched on (mode, device, cmd_id). Database trouble never fails the command:
/// <see cref="RecordAsync"/> then returns null (the driver makes its own cmd_id) and <see cref="MarkAsync"/> gives up quietly.
/// Registered with every radiusdesk section and reading <c>record_actions</c> per command, so a reload turns it on and off
/// (docs/operations.md, "Reload"); with it off, RecordAsync returns null as a missing recorder would.
/// </summary>
internal sealed class RadiusDeskNodeActionRecorder(RadiusDeskDatabase database, NodeActionReplyCompleter completer, ILogger<RadiusDeskNodeActionRecorder> logger)
    : INodeActionRecorder
{
    /// <summary>node_actions.command is varchar(500).</summary>
    private const int MaxCommandLength = 500;

    /// <summary>node_actions.reply is TEXT (65 535 bytes); replies are cut to stay inside it in any character set.</summary>
    private const int MaxReplyLength = 16_000;

    public async ValueTask<long?> RecordAsync(NodeMode mode, long deviceId, string command, CancellationToken cancellationToken)
    {
        if (!database.Options.RecordActions)
        {
            return null; // record_actions = no (read per request: a reload may change it)
        }

        string sql = mode == NodeMode.Ap
            ? "INSERT INTO ap_actions (ap_id, action, command, status, created, modified) VALUES (@device, 'execute', @command, 'awaiting', NOW(), NOW())"
            : "INSERT INTO node_actions (node_id, action, command, status, created, modified) VALUES (@device, 'execute', @command, 'awaiting', NOW(), NOW())";
        DatabaseResult<long> result = await database.RunAsync("record action", async (connection, ct) =>
        {
            await using var insert = new MySqlCommand(sql, connection);
            insert.Parameters.AddWithValue("@device", deviceId);
            insert.Parameters.AddWithValue("@command", command.Length > MaxCommandLength ? command[..MaxCommandLength] : command);
            await insert.ExecuteNonQueryAsync(ct);
            return insert.LastInsertedId;
        }, cancellationToken);
        if (!result.IsAvailable)
        {
            RadiusDeskLog.RecordFailed(logger, mode == NodeMode.Ap ? "ap" : "mesh", deviceId);
            return null;
        }

        completer.NoteRecorded(mode, result.Value);
        return result.Value;
    }

    /// <summary>
    /// <c>replied</c> stores the reply; any other status (<c>fetched</c>, <c>os_command</c>) means fetched, as RADIUSdesk's
    /// API gateway treats it (docs/radiusdesk.md). A row already <c>replied</c> is never set back to <c>fetched</c>.
    /// </summary>
    public async ValueTask MarkAsync(NodeMode mode, long cmdId, string status, string? reply, CancellationToken cancellationToken)
    {
        completer.Forget(mode, cmdId);
        if (CommandIdGenerator.IsGenerated(cmdId) || completer.IsPreviousDatabaseRow(mode, cmdId))
        {
            return; // not recorded, or recorded in the database used before a reload changed it: nothing to mark here
        }

        string table = mode == NodeMode.Ap ? "ap_actions" : "node_actions";
        bool replied = string.Equals(status, "replied", StringComparison.OrdinalIgnoreCase);
        string sql = replied
            ? $"UPDATE {table} SET status = 'replied', reply = @reply, modified = NOW() WHERE id = @id AND status <> 'replied'"
            : $"UPDATE {table} SET status = 'fetched', modified = NOW() WHERE id = @id AND status = 'awaiting'";
        await database.RunAsync("mark action", async (connection, ct) =>
        {
            await using var update = new MySqlCommand(sql, connection);
            update.Parameters.AddWithValue("@id", cmdId);
            if (replied)
            {
                update.Parameters.AddWithValue("@reply", Truncate(reply));
            }

            return await update.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    internal static string Truncate(string? reply) => reply is { Length: > MaxReplyLength } ? reply[..MaxReplyLength] : reply ?? "";
}
