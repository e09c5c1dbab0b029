using System.CommandLine;
using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// `rdp-load simulate mariadb`: a private MariaDB with the RADIUSdesk schema and N active radacct rows
/// (user n = user{n:D6}, NAS-Identifier given), for the user-name-only scenario.
/// </summary>
internal static class MariaDbSimulateCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "active radacct rows", DefaultValueFactory = _ => 100_000 };
        var nas = new Option<string>("--nas-identifier") { Description = "nasidentifier of every row", DefaultValueFactory = _ => "sim" };
        var lifetime = SimulateCommand.Lifetime();
        var command = new Command("mariadb", "MariaDB with the RADIUSdesk schema and active radacct sessions") { rows, nas, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using MariaDbServer server = await MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql, cancellationToken).ConfigureAwait(false);
            int count = parse.GetValue(rows);
            string nasIdentifier = parse.GetValue(nas)!.Replace("'", "", StringComparison.Ordinal);
            // The SEQUENCE engine (seq_0_to_N) seeds 100,000 rows in one statement.
            string sql = string.Create(CultureInfo.InvariantCulture, $"""
                USE rd;
                INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, nasidentifier, nasporttype,
                    acctstarttime, acctupdatetime, acctstoptime, acctinterval, acctsessiontime, acctauthentic, calledstationid,
                    callingstationid, framedipaddress, acctinputoctets, acctoutputoctets)
                SELECT LPAD(HEX(seq), 16, '0'), MD5(seq), CONCAT('user', LPAD(seq, 6, '0')), '127.0.0.1', '{nasIdentifier}', 'Wireless-802.11',
                    NOW() - INTERVAL 10 MINUTE, NOW(), NULL, 60, 600, 'RADIUS', 'C4-4B-D1-00-97-49',
                    CONCAT('02-00-', LPAD(HEX((seq >> 24) & 255), 2, '0'), '-', LPAD(HEX((seq >> 16) & 255), 2, '0'), '-',
                           LPAD(HEX((seq >> 8) & 255), 2, '0'), '-', LPAD(HEX(seq & 255), 2, '0')),
                    CONCAT('10.', (seq >> 16) & 255, '.', (seq >> 8) & 255, '.', seq & 255), 123456, 654321
                FROM seq_0_to_{count - 1};
                """);
            await server.ExecuteAsRootAsync(sql, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"READY mariadb port={server.Port} user={MariaDbServer.UserName} password={server.Password} database={MariaDbServer.DatabaseName} rows={count} mariadb_pid={ChildProcesses.Find("mariadbd") ?? ChildProcesses.Find("mysqld")}");
            await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
