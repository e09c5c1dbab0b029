using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.LoadTests.Scenarios;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>
/// `rdp-load compare`: FreeRADIUS 3.2 as a CoA proxy and our proxy (`type = other`), both in front of the same
/// instant NAS simulator, loaded identically in one run at each window; prints both rows and the ratios.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var options = new ScenarioOptions("15s");
        var windows = new Option<int[]>("--windows") { Description = "requests in flight, one pair of rows each", DefaultValueFactory = _ => [32, 256], AllowMultipleArgumentsPerToken = true };
        var freeRadiusOnly = new Option<bool>("--freeradius-only") { Description = "measure FreeRADIUS alone (no proxy build needed)" };
        var assertTargets = new Option<bool>("--assert-targets") { Description = "exit 1 when a target is missed" };
        var noAudit = new Option<bool>("--no-audit") { Description = "diagnosis only: run our proxy with audit events off (the comparison itself is with audit on, as shipped)" };
        var command = new Command("compare", "FreeRADIUS 3.2 and RadiusDisconnectProxy side by side as CoA proxies to the same instant NAS") { windows, freeRadiusOnly, assertTargets, noAudit };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            ScenarioContext context = ScenarioContext.From(parse, options);
            IReadOnlyList<ComparisonPair> pairs = await RunAsync(context, parse.GetValue(windows)!, parse.GetValue(freeRadiusOnly), !parse.GetValue(noAudit)).ConfigureAwait(false);
            string version = FreeRadiusServer.Version();
            ComparisonReport.WriteConsole(pairs, version);
            foreach (LoadResult result in pairs.SelectMany(p => new[] { p.FreeRadius, p.Proxy }.OfType<LoadResult>()))
            {
                ReportFiles.Write(result, context.ResultsDirectory);
            }

            string path = Path.Combine(context.ResultsDirectory, $"{context.Stamp}-compare.md");
            await File.WriteAllTextAsync(path, ComparisonReport.Markdown(pairs, version)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.ChangeExtension(path, ".json"), ReportFiles.ToJson(pairs)).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"[grey]report: {Markup.Escape(path)}[/]");
            bool missed = ComparisonReport.Targets(pairs).Any(l => !l.StartsWith("PASS", StringComparison.Ordinal));
            return parse.GetValue(assertTargets) && missed ? 1 : 0;
        });
        return command;
    }

    public static async Task<IReadOnlyList<ComparisonPair>> RunAsync(ScenarioContext context, IReadOnlyList<int> windows, bool freeRadiusOnly, bool audit = true)
    {
        string work = context.WorkDirectory("compare");
        RequestTemplate template = ForwardingScenario.Template;
        await using SimulatorProcess nas = await SimulatorProcess.StartAsync(work, "nas.log", "nas", "--secret", ScenarioContext.NasSecret).ConfigureAwait(false);
        await using FreeRadiusServer freeRadius = await FreeRadiusServer.StartAsync(
            work, FreePort.Udp(), ScenarioContext.ClientSecret, nas.EndPoint("endpoint"), ScenarioContext.NasSecret, template).ConfigureAwait(false);
        ProxyServer? proxy = null;
        try
        {
            if (!freeRadiusOnly)
            {
                int port = ScenarioContext.ProxyPorts(out int metrics);
                string config = new ProxyConfigBuilder(port, ScenarioContext.ClientSecret, metrics, audit)
                    .MqttOff()
                    .ForwardingNas("sim", "sim", nas.EndPoint("endpoint").Port, ScenarioContext.NasSecret)
                    .ToString();
                proxy = await ProxyServer.StartAsync(context.ProxyPath, config, work, port, metrics, ScenarioContext.ClientSecret, template).ConfigureAwait(false);
            }

            var others = new Dictionary<string, int> { ["nas-sim"] = nas.Pid };
            var pairs = new List<ComparisonPair>();
            foreach (int window in windows)
            {
                LoadSettings fr = context.Settings($"freeradius-w{window}", freeRadius.EndPoint, template, freeRadius.Pid, others) with
                {
                    Window = window,
                    // Debian's 3.2.1 signs the Message-Authenticator of relayed answers over a zeroed authenticator.
                    AcceptZeroedMessageAuthenticator = true,
                };
                LoadResult frResult = ScenarioContext.Run(fr);
                LoadResult? ours = null;
                if (proxy is not null)
                {
                    ours = ScenarioContext.Run(context.Settings(audit ? $"proxy-w{window}" : $"proxy-no-audit-w{window}", proxy.EndPoint, template, proxy.Pid, others) with { Window = window });
                }

                pairs.Add(new ComparisonPair(window, frResult, ours));
            }

            return pairs;
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
