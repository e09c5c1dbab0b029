using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Proves a disconnect through accounting: the NAS's Accounting-Stop sets radacct.acctstoptime (and RADIUSdesk 8.095's
/// cleanup later moves the row to radacct_history), so "no open radacct row left" is evidence the user is gone — the only
/// such evidence for CoovaChilli, whose logout command reports nothing (docs/radiusdesk.md §5, docs/meshdesk.md §4).
/// </summary>
internal sealed class AccountingDisconnectVerifier(RadiusDeskDatabase database, ILogger<AccountingDisconnectVerifier> logger) : IDisconnectVerifier
{
    public bool IsEnabled => database.Options.Verify == VerifyMode.Accounting;

    /// <summary>How often radacct is polled while waiting; a cheap primary-key query.</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public async ValueTask<bool> WaitUntilStoppedAsync(IReadOnlyList<long> radAcctIds, CancellationToken cancellationToken)
    {
        if (radAcctIds.Count == 0)
        {
            return true;
        }

        string sql = BuildQuery(radAcctIds.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(database.Options.VerifyTimeout);
        var elapsed = Stopwatch.StartNew();
        int open = radAcctIds.Count;
        while (true)
        {
            DatabaseResult<int> result = await database.RunAsync("verify", (connection, ct) => CountOpenAsync(connection, sql, radAcctIds, ct),
                timeout.Token);
            if (result.IsAvailable)
            {
                open = result.Value;
                if (open == 0)
                {
                    return true;
                }
            }

            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                RadiusDeskLog.VerifyFailed(logger, open, radAcctIds.Count, elapsed.ElapsedMilliseconds);
                return false;
            }
        }
    }

    private static string BuildQuery(int count)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM radacct WHERE acctstoptime IS NULL AND radacctid IN (");
        for (int i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "@id0" : ", @id" + i.ToString(CultureInfo.InvariantCulture));
        }

        return sql.Append(')').ToString();
    }

    private static async Task<int> CountOpenAsync(MySqlConnection connection, string sql, IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection);
        for (int i = 0; i < ids.Count; i++)
        {
            command.Parameters.AddWithValue("@id" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }

        object? count = await command.ExecuteScalarAsync(ct);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }
}
