using MySqlConnector;
using RadiusDisconnectProxy.RadiusDesk;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>
/// What RADIUSdesk's Kicker does for an accel-ppp session (docs/accel-ppp.md): <c>UPDATE accel_sessions SET
/// disconnect_flag = 1 WHERE sid = &lt;Acct-Session-Id&gt;</c>. The accel box's next report (every ~60 s) receives the sid
/// in <c>data.terminate</c> and runs <c>accel-cmd terminate sid</c>. This write is the delivery itself. Only a session
/// accounting shows open is flagged.
/// </summary>
internal static class AccelSessionFlag
{
    private const string Sql = """
        UPDATE accel_sessions SET disconnect_flag = 1, modified = NOW()
        WHERE sid = @sid
          AND EXISTS (SELECT 1 FROM radacct WHERE acctsessionid = @sid AND acctstoptime IS NULL)
        """;

    /// <summary>Rows flagged (matched, so a repeated request counts too); null when the database did not answer.</summary>
    public static async ValueTask<int?> SetAsync(RadiusDeskDatabase database, string sessionId, CancellationToken cancellationToken)
    {
        DatabaseResult<int> result = await database.RunAsync("flag accel session", async (connection, ct) =>
        {
            await using var command = new MySqlCommand(Sql, connection);
            command.Parameters.AddWithValue("@sid", sessionId);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
        return result.IsAvailable ? result.Value : null;
    }
}
