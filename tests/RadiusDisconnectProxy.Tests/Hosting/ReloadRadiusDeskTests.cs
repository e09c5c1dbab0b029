using System.Net;
using MySqlConnector;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// SIGHUP with a changed <c>radiusdesk</c> section, through the real executable (docs/operations.md, "Reload"): the next
/// lookup reads the new database, the NAS cached from the old one is not served for it, a wrong password in the new
/// connection string is applied as <c>serve</c> would start with it (NAK 506 while the database refuses, the password
/// never logged) and fixed by the next reload; the daemon never exits. A private MariaDB with two RADIUSdesk schemas.
/// </summary>
[Trait("Category", "RealService")]
public sealed class ReloadRadiusDeskTests
{
    private const string NasSecret = "nassecret";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sighup_OtherDatabase_NextLookupUsesIt_CacheDropped_WrongPasswordNak506ThenFixed()
    {
        await using MariaDbServer database = await MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql);
        await database.ExecuteAsRootAsync($"""
            CREATE DATABASE rd2 CHARACTER SET utf8mb4;
            GRANT ALL ON rd2.* TO '{MariaDbServer.UserName}'@'127.0.0.1';
            USE rd2;
            {RadiusDeskSchema.Sql}
            """);
        string first = database.ConnectionString;
        string second = new MySqlConnectionStringBuilder(first) { Database = "rd2" }.ConnectionString;
        string wrong = new MySqlConnectionStringBuilder(second) { Password = "not-the-password" }.ConnectionString;
        await using NasSimulator nasA = NasSimulator.Start(NasSecret);
        await using NasSimulator nasB = NasSimulator.Start(NasSecret);

        // The same NAS name in both databases, at different NASes; erin has a session only in the second one.
        var seedA = new RadiusDeskSeeder(first);
        await seedA.AddNasAsync("127.0.0.1", "bras-1", "other", NasSecret, nasA.Endpoint.Port);
        await seedA.AddSessionAsync(new RadAcctSeed { UserName = "alice", AcctSessionId = "a-1", NasIdentifier = "bras-1", NasIpAddress = "127.0.0.1" });
        var seedB = new RadiusDeskSeeder(second);
        await seedB.AddNasAsync("127.0.0.1", "bras-1", "other", NasSecret, nasB.Endpoint.Port);
        await seedB.AddSessionAsync(new RadAcctSeed { UserName = "alice", AcctSessionId = "b-1", NasIdentifier = "bras-1", NasIpAddress = "127.0.0.1" });
        await seedB.AddSessionAsync(new RadAcctSeed { UserName = "erin", AcctSessionId = "b-2", NasIdentifier = "bras-1", NasIpAddress = "127.0.0.1" });

        int port = DaemonProcess.FreeUdpPort();
        string common = DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n";
        using var config = new DaemonConfig(common + Section(first));
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        RadclientResult alice = await DisconnectAsync(server, "alice");
        Assert.True(alice.ReplyCode == "Disconnect-ACK", $"{alice}\n{daemon.Output}");
        RadclientResult erin = await DisconnectAsync(server, "erin");
        Assert.True(erin.ReplyCode == "Disconnect-NAK", $"{erin}\n{daemon.Output}");
        Assert.Equal("Session-Context-Not-Found", erin.Attribute("Error-Cause"));
        Assert.Equal(1, nasA.ReceivedCount);

        config.Write(common + Section(second));
        daemon.Hangup();
        string output = await daemon.WaitForOutputAsync("RADIUSdesk settings reloaded", s_timeout);
        Assert.Contains("another database", output, StringComparison.Ordinal);
        Assert.DoesNotContain("takes effect after a restart", output, StringComparison.Ordinal);

        // bras-1 was cached (cache_ttl 5 min) from the first database as nasA: the second one's bras-1 is nasB.
        alice = await DisconnectAsync(server, "alice");
        Assert.True(alice.ReplyCode == "Disconnect-ACK", $"{alice}\n{daemon.Output}");
        erin = await DisconnectAsync(server, "erin");
        Assert.True(erin.ReplyCode == "Disconnect-ACK", $"{erin}\n{daemon.Output}");
        Assert.Equal(1, nasA.ReceivedCount);
        Assert.Equal(2, nasB.ReceivedCount);

        // A wrong password is applied as serve would start with it: NAK 506 while the database refuses, never an exit.
        config.Write(common + Section(wrong));
        daemon.Hangup();
        await daemon.WaitForOutputAsync("RADIUSdesk settings reloaded", s_timeout, count: 2);
        RadclientResult refused = await DisconnectAsync(server, "erin");
        Assert.True(refused.ReplyCode == "Disconnect-NAK", $"{refused}\n{daemon.Output}");
        Assert.Equal("Resources-Unavailable", refused.Attribute("Error-Cause"));
        await daemon.WaitForOutputAsync("unavailable (session lookup)", s_timeout);

        config.Write(common + Section(second));
        daemon.Hangup();
        await daemon.WaitForOutputAsync("RADIUSdesk settings reloaded", s_timeout, count: 3);
        RadclientResult back = await DisconnectAsync(server, "erin");
        Assert.True(back.ReplyCode == "Disconnect-ACK", $"{back}\n{daemon.Output}");
        Assert.Equal(3, nasB.ReceivedCount);
        Assert.False(daemon.HasExited);

        daemon.Terminate();
        (int exitCode, string finalOutput, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{finalOutput}\n{error}");
        Assert.DoesNotContain(database.Password, finalOutput + error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", finalOutput + error, StringComparison.Ordinal);
    }

    private static string Section(string connectionString) => $"radiusdesk {{ connection_string = \"{connectionString}\"  cache_ttl = 300s }}\n";

    private static Task<RadclientResult> DisconnectAsync(IPEndPoint server, string user) =>
        RadclientRunner.RunAsync(server, "disconnect", "testing123", $"User-Name = \"{user}\"", timeoutSeconds: 10);
}
