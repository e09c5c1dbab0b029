using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;
using static RadiusDisconnectProxy.Tests.FaultInjection.FaultLoad;

namespace RadiusDisconnectProxy.Tests.FaultInjection;

/// <summary>
/// Fault injection through the real executable (issue 13): under paced, bounded load, the peer a NAS type depends on
/// — RouterOS router, MQTT broker, RADIUSdesk database, forwarding NAS — is killed and started again. Each test asserts
/// that every request got exactly one authentic answer (no silence, no second answer), that the outage was answered
/// with the RFC 5176 NAK, and that the daemon recovered by itself, without a restart, promptly once the peer was back.
/// </summary>
[Trait("Category", "RealService")]
[Collection(FaultInjectionCollection.Name)]
public sealed class FaultInjectionTests
{
    private const int PerSecond = 50;

    private static void AssertExactlyOneAnswerEach(FaultLoad load)
    {
        (List<int> unanswered, List<int> twice) = load.Tally();
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} requests unanswered (first: {string.Join(',', unanswered.Take(5))}); {load.Summary()}");
        Assert.True(twice.Count == 0, $"{twice.Count} requests answered twice; {load.Summary()}");
        Assert.Equal(0, load.BadAnswers);
    }

    /// <summary>Every request sent at least <paramref name="settleMs"/> after <paramref name="backAtMs"/> was ACKed.</summary>
    private static void AssertRecovered(FaultLoad load, long backAtMs, long settleMs)
    {
        var late = Enumerable.Range(0, load.Count).Select(load.AnswerTo).Where(a => a is { } x && x.SentAt >= backAtMs + settleMs).ToList();
        Assert.NotEmpty(late);
        var notAcked = late.Where(a => a!.Value.Code is not (RadiusCode.DisconnectAck or RadiusCode.CoaAck))
            .Select(a => $"{a!.Value.Code} {(int?)a.Value.Cause} sent {a.Value.SentAt - backAtMs} ms after the peer was back").ToList();
        Assert.True(notAcked.Count == 0,
            $"not every request {settleMs} ms after the peer was back was ACKed ({string.Join("; ", notAcked.Take(5))}); {load.Summary()}");
    }

    /// <summary>Requests sent between the peer being gone and it being started again got a NAK with one of <paramref name="expected"/>.</summary>
    private static void AssertOutageNak(FaultLoad load, long goneAtMs, long restartAtMs, params ErrorCause[] expected)
    {
        var during = Enumerable.Range(0, load.Count).Select(load.AnswerTo).Where(a => a is { } x && x.SentAt > goneAtMs + 100 && x.SentAt < restartAtMs).ToList();
        Assert.NotEmpty(during);
        Assert.True(during.All(a => a!.Value.Code is RadiusCode.DisconnectNak or RadiusCode.CoaNak && a.Value.Cause is { } c && expected.Contains(c)),
            $"requests during the outage were not all NAK {string.Join('/', expected.Select(e => (int)e))}; {load.Summary()}");
    }

    [Fact]
    public async Task RouterKilledAndRestarted_EveryRequestAnsweredOnce_FirstRequestAfterItIsBackAcks()
    {
        int apiPort = MosquittoBroker.FreeTcpPort();
        var options = new RouterOsSimulatorOptions { Port = apiPort };
        const int count = PerSecond * 9;
        RouterOsSimulator router = Seed(new RouterOsSimulator(options), count);
        using FaultDaemon daemon = await FaultDaemon.StartAsync($$"""
            nas hq { type = Mikrotik-API  nasidentifier = hq  api_host = 127.0.0.1  api_port = {{apiPort}}
                     api_username = {{options.Username}}  api_password = {{options.Password}} }
            """);
        using var load = new FaultLoad(daemon.EndPoint, FaultDaemon.Secret, count,
            i => [Text(RadiusAttributeType.UserName, "u" + i.ToString(CultureInfo.InvariantCulture)), Text(RadiusAttributeType.NasIdentifier, "hq")]);
        long downAt = 0, upAt = 0, backAt = 0;
        try
        {
            await load.RunAsync(PerSecond, async clock =>
            {
                await Task.Delay(2000);
                await router.DisposeAsync();
                downAt = clock.ElapsedMilliseconds;
                await Task.Delay(4000);
                upAt = clock.ElapsedMilliseconds;
                router = Seed(new RouterOsSimulator(options), count);
                backAt = clock.ElapsedMilliseconds;
            });
            await load.WaitForAllAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await router.DisposeAsync();
        }

        AssertExactlyOneAnswerEach(load);
        AssertOutageNak(load, downAt, upAt, ErrorCause.ResourcesUnavailable);
        // Reconnect on demand: about a second after the last failed connect, not a 30 s back-off.
        AssertRecovered(load, backAt, settleMs: 1500);
    }

    private static RouterOsSimulator Seed(RouterOsSimulator router, int count)
    {
        for (int i = 0; i < count; i++)
        {
            router.AddHotspotSession("u" + i.ToString(CultureInfo.InvariantCulture), $"AA:BB:CC:00:{i >> 8:X2}:{i & 0xFF:X2}", $"10.5.{i >> 8}.{i & 0xFF}");
        }

        return router;
    }

    [Fact]
    public async Task ForwardingNasKilledAndRestarted_EveryRequestAnsweredOnce_Nak505WhileDown()
    {
        const string nasSecret = "nas-secret";
        NasSimulator nas = NasSimulator.Start(nasSecret);
        int nasPort = nas.Endpoint.Port;
        using FaultDaemon daemon = await FaultDaemon.StartAsync($$"""
            nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {{nasPort}}  secret = {{nasSecret}}
                        irt = 200ms  mrc = 3  mrt = 400ms  mrd = 1s }
            """);
        const int count = PerSecond * 8;
        using var load = new FaultLoad(daemon.EndPoint, FaultDaemon.Secret, count,
            i => [Text(RadiusAttributeType.UserName, "u" + i.ToString(CultureInfo.InvariantCulture)), Text(RadiusAttributeType.NasIdentifier, "bras-1")]);
        long downAt = 0, upAt = 0, backAt = 0;
        try
        {
            await load.RunAsync(PerSecond, async clock =>
            {
                await Task.Delay(2000);
                await nas.DisposeAsync();
                downAt = clock.ElapsedMilliseconds;
                await Task.Delay(3000);
                upAt = clock.ElapsedMilliseconds;
                nas = NasSimulator.Start(nasSecret, port: nasPort);
                backAt = clock.ElapsedMilliseconds;
            });
            await load.WaitForAllAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await nas.DisposeAsync();
        }

        AssertExactlyOneAnswerEach(load);
        // Requests sent while it was down: NAK 506 when the kernel reports the port unreachable (ICMP), NAK 505 when the
        // RFC 5080 retransmissions (mrd 1 s) run out unanswered.
        AssertOutageNak(load, downAt, upAt - 1000, ErrorCause.ResourcesUnavailable, ErrorCause.OtherProxyProcessingError);
        AssertRecovered(load, backAt, settleMs: 300);
    }

    [Fact]
    public async Task DatabaseKilledAndRestarted_EveryRequestAnsweredOnce_Nak506WhileDown_BackWithinASecond()
    {
        const string nasSecret = "nas-secret";
        await using NasSimulator nas = NasSimulator.Start(nasSecret);
        await using MariaDbServer database = await MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql);
        var seeder = new RadiusDeskSeeder(database.ConnectionString);
        const int count = PerSecond * 10;
        for (int i = 0; i < 20; i++)
        {
            await seeder.AddSessionAsync(new RadAcctSeed { UserName = "u" + i.ToString(CultureInfo.InvariantCulture), AcctSessionId = "s" + i.ToString(CultureInfo.InvariantCulture), NasIdentifier = "bras-1" });
        }

        using FaultDaemon daemon = await FaultDaemon.StartAsync($$"""
            radiusdesk { connection_string = "{{database.ConnectionString}}"  cache_ttl = 0 }
            nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {{nas.Endpoint.Port}}  secret = {{nasSecret}} }
            """);
        using var load = new FaultLoad(daemon.EndPoint, FaultDaemon.Secret, count,
            i => [Text(RadiusAttributeType.UserName, "u" + (i % 20).ToString(CultureInfo.InvariantCulture)), Text(RadiusAttributeType.NasIdentifier, "bras-1")]);
        long downAt = 0, upAt = 0, backAt = 0;
        await load.RunAsync(PerSecond, async clock =>
        {
            await Task.Delay(2000);
            await database.StopAsync();
            downAt = clock.ElapsedMilliseconds;
            await Task.Delay(3000);
            upAt = clock.ElapsedMilliseconds;
            await database.StartAsync();
            backAt = clock.ElapsedMilliseconds;
        });
        await load.WaitForAllAsync(TimeSpan.FromSeconds(20));

        AssertExactlyOneAnswerEach(load);
        AssertOutageNak(load, downAt, upAt, ErrorCause.ResourcesUnavailable);
        AssertRecovered(load, backAt, settleMs: 1500);
    }

    [Fact]
    public async Task BrokerKilledAndRestarted_EveryRequestAnsweredOnce_Nak506WhileDown_ThenAcksAgain()
    {
        const string user = "nodes", password = "n0de-secret";
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(user, password);
        SimulatedNode node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        NodeFleet fleet = await NodeFleet.StartAsync(broker.Host, broker.Port, user, password, [node]);
        using FaultDaemon daemon = await FaultDaemon.StartAsync($$"""
            mqtt { mode = external  server = 127.0.0.1  port = {{broker.Port}}  username = {{user}}  password = {{password}}  reply_timeout = 2s }
            nas mesh12 { type = CoovaMeshdesk  nasidentifier = mcp_12
                         node 146 { mac = C4-4B-D1-00-97-49  mesh_id = MY-MESH } }
            """);
        const int count = PerSecond * 10;
        using var load = new FaultLoad(daemon.EndPoint, FaultDaemon.Secret, count,
            i => [Text(RadiusAttributeType.UserName, "u" + i.ToString(CultureInfo.InvariantCulture)), Text(RadiusAttributeType.NasIdentifier, "mcp_12"),
                  Text(RadiusAttributeType.CallingStationId, $"0C-C6-FD-7B-{i >> 8:X2}-{i & 0xFF:X2}")]);
        long downAt = 0, upAt = 0, backAt = 0;
        try
        {
            await load.RunAsync(PerSecond, async clock =>
            {
                await Task.Delay(2000);
                await broker.StopAsync();
                downAt = clock.ElapsedMilliseconds;
                await fleet.DisposeAsync();
                await Task.Delay(3000);
                upAt = clock.ElapsedMilliseconds;
                await broker.StartAsync();
                // The node's watcher restarts mqtt.lua; the simulated node reconnects the same way.
                fleet = await NodeFleet.StartAsync(broker.Host, broker.Port, user, password, [node]);
                backAt = clock.ElapsedMilliseconds;
            });
            await load.WaitForAllAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await fleet.DisposeAsync();
        }

        AssertExactlyOneAnswerEach(load);
        AssertOutageNak(load, downAt, upAt, ErrorCause.ResourcesUnavailable);
        AssertRecovered(load, backAt, settleMs: 1500);
    }
}

[CollectionDefinition(Name)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault injection";
}
