using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// (d) User-Name only: the proxy finds the session among 100,000 active radacct rows in a real MariaDB, then forwards
/// to the NAS the row names (`sim`, the instant NAS simulator).
/// </summary>
internal static class UserNameScenario
{
    public const int Rows = 100_000;

    public static RequestTemplate Template { get; } = new() { Users = Rows, AcctSessionId = false, Macs = 0 };

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context)
    {
        string work = context.WorkDirectory("username");
        await using SimulatorProcess nas = await SimulatorProcess.StartAsync(work, "nas.log", "nas", "--secret", ScenarioContext.NasSecret).ConfigureAwait(false);
        await using SimulatorProcess db = await SimulatorProcess.StartAsync(work, "mariadb.log", "mariadb", "--rows", "100000", "--nas-identifier", "sim").ConfigureAwait(false);
        int port = ScenarioContext.ProxyPorts(out int metrics);
        string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics)
            .MqttOff()
            .ForwardingNas("sim", "sim", nas.EndPoint("endpoint").Port, ScenarioContext.NasSecret)
            .Line($"radiusdesk {{ connection_string = \"Server=127.0.0.1;Port={db.Value("port")};Database={db.Value("database")};User ID={db.Value("user")};Password={db.Value("password")}\" }}")
            .ToString();
        await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, Template).ConfigureAwait(false);
        var others = new Dictionary<string, int> { ["nas-sim"] = nas.Pid };
        if (int.TryParse(db.Value("mariadb_pid"), out int mariadb))
        {
            others["mariadbd"] = mariadb;
        }

        return
        [
            ScenarioContext.Run(context.Settings("d-username-w32", proxy.EndPoint, Template, proxy.Pid, others) with { Window = 32 }),
        ];
    }
}
