using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// (c') Mikrotik over REST: generator → proxy → RouterOS v7 REST over HTTPS (pinned certificate, pooled keep-alive
/// connections) → 100 simulated routers; each request removes a distinct hotspot session (user n, MAC n on router
/// n mod 100), as the binary-API scenario does. Target: 2,000 removals/s with p99 &lt; 10 ms and connections reused:
/// the simulators report how many TCP connections (each one a RouterOS login) every router saw.
/// </summary>
internal static class MikrotikRestScenario
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context)
    {
        string work = context.WorkDirectory("mikrotik-rest");
        string log = Path.Combine(work, "routers.log");
        IReadOnlyList<LoadResult> results;
        await using (SimulatorProcess routers = await SimulatorProcess.StartAsync(work, "routers.log", "routers", "--rest",
            "--routers", MikrotikScenario.Routers.ToString(CultureInfo.InvariantCulture),
            "--sessions", MikrotikScenario.Sessions.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false))
        {
            IReadOnlyList<int> ports = [.. routers.Value("rest_https_ports").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
            int port = ScenarioContext.ProxyPorts(out int metrics);
            string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics).MqttOff()
                .MikrotikRestRouters(ports, routers.Value("fingerprint")).ToString();
            await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret,
                MikrotikScenario.Template).ConfigureAwait(false);
            var others = new Dictionary<string, int> { ["router-sim"] = routers.Pid };
            results =
            [
                ScenarioContext.Run(context.Settings("c-mikrotik-rest-2000rps", proxy.EndPoint, MikrotikScenario.Template, proxy.Pid, others) with
                {
                    Rate = 2000, Sockets = 4, MaxRequests = MikrotikScenario.Sessions, Template = MikrotikScenario.Template,
                    Timeout = TimeSpan.FromSeconds(6),
                }),
            ];
        }

        // The simulator prints its REST connection counts when it stops.
        string? connections = File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.StartsWith("REST:", StringComparison.Ordinal)) : null;
        AnsiConsole.MarkupLine(Markup.Escape("routers " + (connections ?? "REST: (no connection figures in " + log + ")")));
        return results;
    }
}
