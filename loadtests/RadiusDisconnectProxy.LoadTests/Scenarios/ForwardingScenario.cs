using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>(a) RFC 5176 forwarding: generator → proxy (`type = other`) → instant NAS simulator.</summary>
internal static class ForwardingScenario
{
    public static readonly RequestTemplate Template = new() { NasIdentifier = "sim" };

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context, IReadOnlyList<int> windows)
    {
        string work = context.WorkDirectory("forwarding");
        await using SimulatorProcess nas = await SimulatorProcess.StartAsync(work, "nas.log", "nas", "--secret", ScenarioContext.NasSecret).ConfigureAwait(false);
        int port = ScenarioContext.ProxyPorts(out int metrics);
        string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics)
            .MqttOff()
            .ForwardingNas("sim", "sim", nas.EndPoint("endpoint").Port, ScenarioContext.NasSecret)
            .ToString();
        await using ProxyServer proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, Template).ConfigureAwait(false);
        var results = new List<LoadResult>();
        foreach (int window in windows)
        {
            LoadSettings settings = context.Settings($"a-forwarding-w{window}", proxy.EndPoint, Template, proxy.Pid, new Dictionary<string, int> { ["nas-sim"] = nas.Pid }) with { Window = window };
            results.Add(ScenarioContext.Run(settings));
        }

        return results;
    }
}
