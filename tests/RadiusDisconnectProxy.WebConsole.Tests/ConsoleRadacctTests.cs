using System.Text.Json;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// A NAS type that cannot list its own sessions, with the RADIUSdesk database (a private MariaDB): the console lists the
/// NAS's open radacct sessions, and a Disconnect of one goes through the database routing and the type's driver.
/// </summary>
[Trait("Category", "RealService")]
public sealed class ConsoleRadacctTests
{
    [Fact]
    public async Task OpenRadacctSessions_AreListed_AndDisconnectingOne_ReachesTheNasWithItsKeys()
    {
        await using MariaDbServer database = await MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql);
        var seeder = new RadiusDeskSeeder(database.ConnectionString);
        long open = await seeder.AddSessionAsync(new RadAcctSeed
        {
            UserName = "kim", AcctSessionId = "5f2a0001", NasIdentifier = "bras-1", NasIpAddress = "127.0.0.1",
            CallingStationId = "02-00-00-00-00-0A", FramedIpAddress = "100.64.0.10",
        });
        await seeder.AddSessionAsync(new RadAcctSeed
        {
            UserName = "lee", AcctSessionId = "5f2a0002", NasIdentifier = "bras-1", NasIpAddress = "127.0.0.1", StopTime = DateTime.UtcNow,
        });
        await using NasSimulator nas = NasSimulator.Start("nas-secret-77e0");
        await using ConsoleDaemon daemon = await ConsoleDaemon.StartAsync(
            $"nas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {nas.Endpoint.Port}  secret = nas-secret-77e0  mrd = 3s }}\n"
            + $"radiusdesk {{ connection_string = \"{database.ConnectionString}\" }}");
        using var client = new ConsoleClient(daemon.ConsoleUrl);
        (await client.LoginAsync(ConsoleDaemon.User, ConsoleDaemon.Password)).Dispose();

        JsonElement nases = await ConsoleClient.JsonAsync(await client.GetAsync("/api/nases"));
        JsonElement listed = await ConsoleClient.JsonAsync(await client.GetAsync("/api/nases/bras1/sessions"));
        JsonElement kicked = await ConsoleClient.JsonAsync(await client.PostAsync("/api/nases/bras1/kick", new { id = open.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal("radacct", nases[0].GetProperty("sessions").GetString());
        Assert.False(nases[0].GetProperty("can_test").GetBoolean());
        Assert.True(listed.GetProperty("ok").GetBoolean(), listed.ToString());
        JsonElement session = Assert.Single(listed.GetProperty("sessions").EnumerateArray());
        Assert.Equal("kim", session.GetProperty("user").GetString());
        Assert.Equal("radacct", session.GetProperty("kind").GetString());
        Assert.Equal("100.64.0.10", session.GetProperty("address").GetString());
        Assert.Equal("ack", kicked.GetProperty("result").GetString());
        NasReceivedPacket received = Assert.Single(nas.Received);
        Assert.Equal("kim", received.UserName);
        Assert.Equal("5f2a0001", received.AcctSessionId);
        Assert.DoesNotContain(database.Password, daemon.Output, StringComparison.Ordinal);
    }
}
