using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// (c) Mikrotik: generator → proxy → RouterOS API pool → 100 simulated routers; each request removes a distinct
/// hotspot session (user n, MAC n on router n mod 100). Target: ≥ 2,000 removals/s with p99 &lt; 20 ms.
/// </summary>
internal static class MikrotikScenario
{
    public const int Routers = 100;
    public const long Sessions = 100_000;

    /// <summary>User-Name and Calling-Station-Id of session n; no Acct-Session-Id (hotspot rows carry none).</summary>
    public static RequestTemplate Template { get; } = new()
    {
        NasIdentifier = "router{0}", NasCount = Routers, Users = int.MaxValue, Macs = int.MaxValue, AcctSessionId = false,
    };

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context)
    {
        string work = context.WorkDirectory("mikrotik");
        await using SimulatorProcess routers = await SimulatorProcess.StartAsync(work, "routers.log", "routers",
            "--routers", Routers.ToString(CultureInfo.InvariantCulture), "--sessions", Sessions.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        int port = ScenarioContext.ProxyPorts(out int metrics);
        string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics).MqttOff().MikrotikRouters(Ports(routers)).ToString();
        // The readiness probe uses numbers far above the seeded ones: it gets NAK 503 and removes nothing.
        await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, Template).ConfigureAwait(false);
        var others = new Dictionary<string, int> { ["router-sim"] = routers.Pid };
        long half = Sessions / 2;
        return
        [
            ScenarioContext.Run(context.Settings("c-mikrotik-2000rps", proxy.EndPoint, Template with { }, proxy.Pid, others) with
            {
                Rate = 2000, Sockets = 4, MaxRequests = half, Template = Template, Timeout = TimeSpan.FromSeconds(6),
            }),
            ScenarioContext.Run(context.Settings("c-mikrotik-w64", proxy.EndPoint, Template, proxy.Pid, others) with
            {
                Window = 64, MaxRequests = half, Timeout = TimeSpan.FromSeconds(6), Template = Template with { SequenceOffset = half },
            }),
        ];
    }

    public static IReadOnlyList<int> Ports(SimulatorProcess routers) =>
        [.. routers.Value("ports").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
}
