using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.LoadTests.Simulation;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// (b) MESHdesk/APdesk: generator → proxy → real mosquitto → 1,000 simulated nodes (QoS 1 command, QoS 1 reply).
/// Target: p99 &lt; 20 ms at 2,000 req/s (open loop); a closed-loop run shows the capacity.
/// </summary>
internal static class MqttScenario
{
    public const int Nodes = 1000;

    public static RequestTemplate Template { get; } = new() { NasIdentifiers = MeshdeskFleetLayout.NasIdentifiers(Nodes), CoaPercent = 10 };

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context)
    {
        string work = context.WorkDirectory("mqtt");
        await using SimulatorProcess nodes = await SimulatorProcess.StartAsync(work, "nodes.log", "nodes", "--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        int port = ScenarioContext.ProxyPorts(out int metrics);
        string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics).CoovaFleet(nodes.Value("mqtt"), Nodes).ToString();
        await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, Template).ConfigureAwait(false);
        Dictionary<string, int> others = Others(nodes);
        return
        [
            ScenarioContext.Run(context.Settings("b-mqtt-2000rps", proxy.EndPoint, Template, proxy.Pid, others) with { Rate = 2000, Sockets = 4, Window = 1024, Timeout = TimeSpan.FromSeconds(6) }),
            ScenarioContext.Run(context.Settings("b-mqtt-w64", proxy.EndPoint, Template, proxy.Pid, others) with { Window = 64, Timeout = TimeSpan.FromSeconds(6) }),
        ];
    }

    public static Dictionary<string, int> Others(SimulatorProcess nodes)
    {
        var others = new Dictionary<string, int> { ["node-sim"] = nodes.Pid };
        if (int.TryParse(nodes.Value("mosquitto_pid"), out int mosquitto))
        {
            others["mosquitto"] = mosquitto;
        }

        return others;
    }
}
