using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.LoadTests.Simulation;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// (e) A mix: a third each to the forwarding NAS, the MESHdesk/APdesk fleet and the Mikrotik routers, 10 % CoA.
/// Also what the soak runs, for longer.
/// </summary>
internal static class MixScenario
{
    /// <summary>Position p of the pool: p mod 3 = 0 forwarding, 1 a node, 2 router (p mod 100) — request n reaches router n mod 100, which holds session n.</summary>
    public static RequestTemplate Template { get; } = CreateTemplate();

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context) =>
        [await RunAsync(context, "e-mix-1500rps", rate: 1500, sessions: MikrotikScenario.Sessions, soak: null).ConfigureAwait(false)];

    /// <summary>Starts everything, runs one open-loop mixed run; <paramref name="soak"/> (if given) samples the proxy meanwhile.</summary>
    public static async Task<LoadResult> RunAsync(ScenarioContext context, string name, double rate, long sessions, SoakSampler? soak)
    {
        string work = context.WorkDirectory(name);
        await using SimulatorProcess nas = await SimulatorProcess.StartAsync(work, "nas.log", "nas", "--secret", ScenarioContext.NasSecret).ConfigureAwait(false);
        await using SimulatorProcess nodes = await SimulatorProcess.StartAsync(work, "nodes.log", "nodes", "--nodes", MqttScenario.Nodes.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await using SimulatorProcess routers = await SimulatorProcess.StartAsync(work, "routers.log", "routers",
            "--routers", MikrotikScenario.Routers.ToString(CultureInfo.InvariantCulture), "--sessions", sessions.ToString(CultureInfo.InvariantCulture), "--every", "3", "--phase", "2").ConfigureAwait(false);
        int port = ScenarioContext.ProxyPorts(out int metrics);
        string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics)
            .ForwardingNas("sim", "sim", nas.EndPoint("endpoint").Port, ScenarioContext.NasSecret)
            .CoovaFleet(nodes.Value("mqtt"), MqttScenario.Nodes)
            .MikrotikRouters(MikrotikScenario.Ports(routers))
            .ToString();
        await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, Template).ConfigureAwait(false);
        Dictionary<string, int> others = MqttScenario.Others(nodes);
        others["nas-sim"] = nas.Pid;
        others["router-sim"] = routers.Pid;
        LoadSettings settings = context.Settings(name, proxy.EndPoint, Template, proxy.Pid, others) with
        {
            Rate = rate, Sockets = 4, Timeout = TimeSpan.FromSeconds(6), Template = Template,
        };
        soak?.Start(proxy.Pid, metrics);
        try
        {
            return ScenarioContext.Run(settings);
        }
        finally
        {
            if (soak is not null)
            {
                await soak.StopAsync().ConfigureAwait(false);
            }
        }
    }

    private static RequestTemplate CreateTemplate()
    {
        IReadOnlyList<string> nodes = MeshdeskFleetLayout.NasIdentifiers(MqttScenario.Nodes);
        var pool = new List<string>(300);
        for (int p = 0; p < 300; p++)
        {
            pool.Add((p % 3) switch
            {
                0 => "sim",
                1 => nodes[p / 3],
                _ => string.Create(CultureInfo.InvariantCulture, $"router{p % MikrotikScenario.Routers}"),
            });
        }

        return new RequestTemplate { NasIdentifiers = pool, Users = int.MaxValue, Macs = int.MaxValue, AcctSessionId = false, CoaPercent = 10 };
    }
}
