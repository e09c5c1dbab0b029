using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MySqlConnector;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;
using Xunit.Abstractions;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// docs/high-availability.md end to end through the real executables: radclient → FreeRADIUS 3.2 (the page's
/// load-balance pool with Status-Server checks, read from the page) → three proxy processes on one mosquitto and one
/// MariaDB with RADIUSdesk's schema and <c>record_actions = yes</c> → simulated MESHdesk gateway nodes. A steady, bounded
/// stream of user-name-only Disconnects; one proxy SIGKILLed mid-run and restarted. Every request is answered (ACK) once,
/// no <c>node_actions</c> row stays <c>awaiting</c> for a command a node answered, and FreeRADIUS takes the restarted
/// proxy back through its Status-Server checks. Failover and revival times are printed (the page's figures).
/// </summary>
[Trait("Category", "RealService")]
public sealed partial class HighAvailabilityPoolTests(RadiusDeskIntegrationFixture fixture, ITestOutputHelper output)
    : IClassFixture<RadiusDeskIntegrationFixture>
{
    private const string PoolSecret = "freeradius-to-proxy";
    private const string DacSecret = "dac-secret";
    private const int Users = 120;
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan s_start = TimeSpan.FromSeconds(60);

    private static readonly string s_page = File.ReadAllText(Path.Combine(Install.Command.RepositoryRoot, "docs", "high-availability.md"));
    private static readonly string s_integration = File.ReadAllText(Path.Combine(Install.Command.RepositoryRoot, "docs", "integration.md"));

    [Fact]
    public async Task PoolOfThree_OneKilledMidRunAndRestarted_EveryRequestAckedOnce_NoAnsweredRowLeftAwaiting()
    {
        RadiusDeskSeeder seeder = fixture.Seeder;
        await seeder.ResetAsync();
        RealisticInstall install = await RealisticInstall.SeedAsync(seeder, 8728, "127.0.0.1", mikrotikTls: false);
        for (int u = 0; u < Users; u++)
        {
            await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = User(u), AcctSessionId = "ha-" + u.ToString("D4", CultureInfo.InvariantCulture), NasIdentifier = install.MeshNasIdentifier,
                CallingStationId = string.Create(CultureInfo.InvariantCulture, $"0C-C6-FD-00-{u / 256:X2}-{u % 256:X2}"),
            });
        }

        for (int w = 0; w < 4; w++)
        {
            await seeder.AddSessionAsync(new RadAcctSeed
            {
                UserName = "warm" + w.ToString(CultureInfo.InvariantCulture), AcctSessionId = "warm-" + w.ToString(CultureInfo.InvariantCulture),
                NasIdentifier = install.MeshNasIdentifier, CallingStationId = string.Create(CultureInfo.InvariantCulture, $"0C-C6-FD-01-00-{w:X2}"),
            });
        }

        string meshId = RealisticInstall.MeshSsid.ToUpperInvariant().Replace('_', '-');
        SimulatedNode gateway1 = SimulatedNode.MeshNode(install.GatewayNode1, "C4-4B-D1-00-97-49", meshId);
        SimulatedNode gateway2 = SimulatedNode.MeshNode(install.GatewayNode2, "C4-4B-D1-00-97-4A", meshId);
        await using NodeFleet fleet = await NodeFleet.StartAsync("127.0.0.1", fixture.Mqtt.Broker.Port, MosquittoFixture.Username,
            MosquittoFixture.Password, [gateway1, gateway2]);

        int[] ports = [DaemonProcess.FreeUdpPort(), DaemonProcess.FreeUdpPort(), DaemonProcess.FreeUdpPort()];
        using var config = new DaemonConfig(ProxyConfig(ports[0]));
        var configs = ports.Select(p => ProxyConfig(p)).ToArray();
        string[] paths = new string[3];
        for (int i = 0; i < 3; i++)
        {
            paths[i] = Path.Combine(config.Directory, $"radius-{i}.conf");
            await File.WriteAllTextAsync(paths[i], configs[i]);
        }

        var daemons = new DaemonProcess[3];
        try
        {
            for (int i = 0; i < 3; i++)
            {
                daemons[i] = new DaemonProcess(["serve", "--config", paths[i]]);
            }

            for (int i = 0; i < 3; i++)
            {
                await WarmUpAsync(daemons[i], ports[i], "warm" + i.ToString(CultureInfo.InvariantCulture));
            }

            int listenPort = DaemonProcess.FreeUdpPort();
            await using FreeRadiusCoaProxy freeRadius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
            {
                ClientSecret = DacSecret,
                ListenPort = listenPort,
                CleanupDelay = 2,
                SiteConfig = PoolSite(ports) + "\n" + RelaySite(listenPort),
            });

            // Steady bounded load: one user-name-only Disconnect every 150 ms, each its own radclient (-r 5 -t 3: five sends, 3 s apart; docs/high-availability.md says why five).
            var clock = Stopwatch.StartNew();
            var watcher = new FreeRadiusEvents(freeRadius, clock, ports[1]);
            Task watching = watcher.RunAsync();
            var requests = new List<Task<(RadclientResult Result, TimeSpan Elapsed)>>(Users);
            TimeSpan killedAt = TimeSpan.Zero;
            TimeSpan restartedAt = TimeSpan.Zero;
            for (int u = 0; u < Users; u++)
            {
                requests.Add(TimedAsync(freeRadius.Endpoint, User(u)));
                if (u == Users / 5)
                {
                    daemons[1].Signal("KILL");
                    killedAt = clock.Elapsed;
                }
                else if (u == Users * 2 / 5)
                {
                    await daemons[1].WaitForExitAsync(TimeSpan.FromSeconds(10));
                    daemons[1].Dispose();
                    daemons[1] = new DaemonProcess(["serve", "--config", paths[1]]);
                    await WarmUpAsync(daemons[1], ports[1], "warm3");
                    restartedAt = clock.Elapsed;
                }

                await Task.Delay(s_interval);
            }

            (RadclientResult Result, TimeSpan Elapsed)[] timed = await Task.WhenAll(requests);
            RadclientResult[] answers = timed.Select(t => t.Result).ToArray();
            TimeSpan loadEnd = clock.Elapsed;
            // Revival: the restarted proxy answers num_answers_to_alive Status-Server checks (bounded wait).
            await IntegrationWait.UntilAsync(() => watcher.AliveAt is not null, TimeSpan.FromSeconds(30), "killed proxy marked alive again");
            watcher.Stop();
            await watching;

            string[] failures = answers.Select((a, u) => (a, u)).Where(x => x.a.ReplyCode != "Disconnect-ACK" || x.a.ExitCode != 0)
                .Select(x => $"{User(x.u)}: {x.a}").ToArray();
            Assert.True(failures.Length == 0, failures.Length + " failed: " + string.Join('\n', failures.Take(5)) + "\n" + freeRadius.Output);
            // Every user's logout reached both gateway nodes.
            for (int u = 0; u < Users; u++)
            {
                string logout = string.Create(CultureInfo.InvariantCulture, $"chilli_query logout mac 0C-C6-FD-00-{u / 256:X2}-{u % 256:X2}");
                Assert.Contains(gateway1.Received, c => c.Command == logout);
                Assert.Contains(gateway2.Received, c => c.Command == logout);
            }

            // Every command a node answered has its row completed, whichever proxy sent it (the killed one included).
            long[] answered = gateway1.Received.Concat(gateway2.Received).Select(c => c.CmdId).ToArray();
            await IntegrationWait.UntilAsync(async () => await AwaitingAsync(answered) == 0, TimeSpan.FromSeconds(15),
                "answered rows completed");
            long allRows = await ScalarAsync("SELECT COUNT(*) FROM node_actions");
            long awaitingRows = await ScalarAsync("SELECT COUNT(*) FROM node_actions WHERE status = 'awaiting'");

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Users} Disconnects at {1 / s_interval.TotalSeconds:0.#}/s over {loadEnd.TotalSeconds:0.0} s: all ACKed; node commands {answered.Length}, rows {allRows}, awaiting {awaitingRows} (never delivered)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"killed at {killedAt.TotalSeconds:0.0} s; FreeRADIUS: zombie +{Since(killedAt, watcher.ZombieAt)} s, dead +{Since(killedAt, watcher.DeadAt)} s; restarted at {restartedAt.TotalSeconds:0.0} s, alive again +{Since(restartedAt, watcher.AliveAt)} s after restart"));
            output.WriteLine(string.Join('\n', timed.Select(a => a.Elapsed.TotalMilliseconds).Order().Where((_, i) => i % 10 == 0 || i == Users - 1)
                .Select((ms, i) => string.Create(CultureInfo.InvariantCulture, $"radclient time p{Math.Min(100, i * 10 * 100 / Users)}: {ms:0} ms"))));
            output.WriteLine(string.Join('\n', freeRadius.Output.Split('\n').Where(l => l.Contains("home server", StringComparison.OrdinalIgnoreCase)).Take(40)));
            Assert.NotNull(watcher.ZombieAt ?? watcher.DeadAt);
        }
        finally
        {
            foreach (DaemonProcess? daemon in daemons)
            {
                daemon?.Dispose();
            }
        }
    }

    private static async Task<(RadclientResult, TimeSpan)> TimedAsync(IPEndPoint server, string user)
    {
        var watch = Stopwatch.StartNew();
        RadclientResult result = await RadclientRunner.RunAsync(server, "disconnect", DacSecret, $"User-Name = \"{user}\"", timeoutSeconds: 3, retries: 5);
        return (result, watch.Elapsed);
    }

    /// <summary>Ready (listening, MQTT subscribed) and past its first database and MQTT round trip, straight, not through the pool.</summary>
    private static async Task WarmUpAsync(DaemonProcess daemon, int port, string user)
    {
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_start);
        await daemon.WaitForOutputAsync("MQTT connected", s_start);
        RadclientResult warm = await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "disconnect", PoolSecret,
            $"User-Name = \"{user}\"", timeoutSeconds: 5, retries: 2);
        Assert.True(warm.ReplyCode == "Disconnect-ACK", warm.ToString());
    }

    private static string User(int u) => "ha" + u.ToString("D4", CultureInfo.InvariantCulture);

    private static string Since(TimeSpan from, TimeSpan? at) =>
        at is { } t ? (t - from).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "never";

    private string ProxyConfig(int port)
    {
        string connection = new MySqlConnectionStringBuilder(fixture.Database.ConnectionString).ConnectionString;
        return DaemonConfig.Listen(port)
            + $"client freeradius {{ ipaddr = 127.0.0.1  secret = {PoolSecret}  response_message_authenticator = no }}\n"
            + fixture.Mqtt.MqttSection("1500ms")
            + $"radiusdesk {{ connection_string = \"{connection}\"  cache_ttl = 0  record_actions = yes }}\n";
    }

    /// <summary>The page's pool block, its three proxies moved to loopback and the instances' ports, in order.</summary>
    private static string PoolSite(int[] ports)
    {
        string pool = Snippet(s_page, "ha-pool");
        Assert.Contains("type = load-balance", pool, StringComparison.Ordinal);
        Assert.Contains("status_check = status-server", pool, StringComparison.Ordinal);
        int next = 0;
        string site = AddressAndPort().Replace(pool, _ => string.Create(CultureInfo.InvariantCulture, $"ipaddr = 127.0.0.1\n\tport = {ports[next++]}"));
        Assert.Equal(3, next);
        return site;
    }

    private static string RelaySite(int listenPort)
    {
        string relay = Snippet(s_integration, "freeradius-coa-relay").Replace("ipaddr = *", "ipaddr = 127.0.0.1", StringComparison.Ordinal);
        return relay.Replace("port = 3799", string.Create(CultureInfo.InvariantCulture, $"port = {listenPort}"), StringComparison.Ordinal);
    }

    private static string Snippet(string page, string name)
    {
        Match match = Regex.Match(page, $@"<!-- tested: {Regex.Escape(name)} -->\s*```[^\n]*\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"no block tested: {name}");
        return match.Groups[1].Value;
    }

    private async Task<long> AwaitingAsync(long[] ids)
    {
        await using var connection = new MySqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            $"SELECT COUNT(*) FROM node_actions WHERE status = 'awaiting' AND id IN ({string.Join(',', ids)})", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new MySqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"ipaddr = 192\.0\.2\.\d+\s*\n\s*port = 3799")]
    private static partial Regex AddressAndPort();

    /// <summary>When FreeRADIUS first logs the killed proxy as zombie, dead and alive again (100 ms resolution).</summary>
    private sealed class FreeRadiusEvents(FreeRadiusCoaProxy freeRadius, Stopwatch clock, int port)
    {
        private readonly CancellationTokenSource _stop = new();

        public TimeSpan? ZombieAt { get; private set; }
        public TimeSpan? DeadAt { get; private set; }
        public TimeSpan? AliveAt { get; private set; }

        public void Stop() => _stop.Cancel();

        public async Task RunAsync()
        {
            string needle = string.Create(CultureInfo.InvariantCulture, $"port {port}");
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    // In log order: zombie, then dead, then alive again (the start-up "alive" lines come before either).
                    bool down = false;
                    foreach (string line in freeRadius.Output.Split('\n').Where(l => l.Contains(needle, StringComparison.Ordinal)))
                    {
                        if (line.Contains("as zombie", StringComparison.Ordinal))
                        {
                            down = true;
                            ZombieAt ??= clock.Elapsed;
                        }
                        else if (line.Contains("as dead", StringComparison.Ordinal))
                        {
                            down = true;
                            DeadAt ??= clock.Elapsed;
                        }
                        else if (down && line.Contains(" alive", StringComparison.Ordinal))
                        {
                            AliveAt ??= clock.Elapsed;
                        }
                    }

                    await Task.Delay(100, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }
}
