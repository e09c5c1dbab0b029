using System.CommandLine;
using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// `rdp-load simulate routers`: RouterOS API simulators, each holding the hotspot sessions the Mikrotik scenario's
/// requests name: request n removes user n (MAC n) on router n mod count. With <c>--rest</c> the same routers also
/// answer RouterOS v7 REST (one Kestrel server, per router an HTTP and an HTTPS port).
/// </summary>
internal static class RoutersSimulateCommand
{
    public const string Username = "rdproxy";
    public const string Password = "loadtest";

    public static Command Create()
    {
        var count = new Option<int>("--routers") { Description = "simulated routers", DefaultValueFactory = _ => 100 };
        var sessions = new Option<long>("--sessions") { Description = "hotspot sessions in total (spread over the routers)", DefaultValueFactory = _ => 100_000 };
        var every = new Option<int>("--every") { Description = "seed request numbers phase, phase+every, … (the mix sends every third request to a router)", DefaultValueFactory = _ => 1 };
        var phase = new Option<int>("--phase") { Description = "first request number seeded", DefaultValueFactory = _ => 0 };
        var rest = new Option<bool>("--rest") { Description = "also serve RouterOS v7 REST (HTTP and HTTPS) over the same routers" };
        var lifetime = SimulateCommand.Lifetime();
        var command = new Command("routers", "RouterOS API routers with active hotspot sessions to remove") { count, sessions, every, phase, rest, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int routers = parse.GetValue(count);
            bool serveRest = parse.GetValue(rest);
            long total = parse.GetValue(sessions);
            var simulators = new List<RouterOsSimulator>(routers);
            try
            {
                for (int k = 0; k < routers; k++)
                {
                    var options = new RouterOsSimulatorOptions { Username = Username, Password = Password };
                    // Under REST load nobody reads the recorded requests: not recording keeps the simulator's CPU for answering.
                    simulators.Add(new RouterOsSimulator(serveRest ? options with { RecordedCommandLimit = 0 } : options));
                }

                int step = Math.Max(1, parse.GetValue(every));
                for (long i = 0, n = parse.GetValue(phase); i < total; i++, n += step)
                {
                    simulators[(int)(n % routers)].AddHotspotSession(
                        LoadNaming.UserName(n), LoadNaming.Mac(n).Replace('-', ':'),
                        string.Create(CultureInfo.InvariantCulture, $"10.{(n >> 16) & 0xFF}.{(n >> 8) & 0xFF}.{n & 0xFF}"), maxLimit: null);
                }

                RouterOsRestServer? restServer = serveRest ? await RouterOsRestServer.StartAsync(simulators).ConfigureAwait(false) : null;
                try
                {
                    string restPorts = restServer is null ? "" : string.Create(CultureInfo.InvariantCulture,
                        $" rest_https_ports={string.Join(',', simulators.Select(s => s.RestHttpsPort))} rest_http_ports={string.Join(',', simulators.Select(s => s.RestHttpPort))} fingerprint={SelfSignedCertificate.Sha256Fingerprint(simulators[0].RestCertificate!).Replace(":", "", StringComparison.Ordinal)}");
                    Console.WriteLine($"READY routers ports={string.Join(',', simulators.Select(s => s.Port))} sessions={total}{restPorts}");
                    await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"routers: {simulators.Sum(s => s.HotspotActive.Count)} sessions left, {simulators.Sum(s => s.LoginCount)} logins");
                    if (restServer is not null)
                    {
                        // Each REST connection is a login on RouterOS: the figure that shows connections are reused.
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"REST: {simulators.Sum(s => s.RestRequestCount)} requests for {total - simulators.Sum(s => s.HotspotActive.Count)} removals, connections (logins) per router min {simulators.Min(s => s.RestConnectionCount)} max {simulators.Max(s => s.RestConnectionCount)} total {simulators.Sum(s => s.RestConnectionCount)}, 401s {simulators.Sum(s => s.RestUnauthorizedCount)}"));
                    }
                }
                finally
                {
                    if (restServer is not null)
                    {
                        await restServer.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                foreach (RouterOsSimulator simulator in simulators)
                {
                    await simulator.DisposeAsync().ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
