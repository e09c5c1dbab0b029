using System.CommandLine;
using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// `rdp-load simulate routers`: RouterOS API simulators, each holding the hotspot sessions the Mikrotik scenario's
/// requests name: request n removes user n (MAC n) on router n mod count.
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
        var lifetime = SimulateCommand.Lifetime();
        var command = new Command("routers", "RouterOS API routers with active hotspot sessions to remove") { count, sessions, every, phase, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int routers = parse.GetValue(count);
            long total = parse.GetValue(sessions);
            var simulators = new List<RouterOsSimulator>(routers);
            try
            {
                for (int k = 0; k < routers; k++)
                {
                    simulators.Add(new RouterOsSimulator(new RouterOsSimulatorOptions { Username = Username, Password = Password }));
                }

                int step = Math.Max(1, parse.GetValue(every));
                for (long i = 0, n = parse.GetValue(phase); i < total; i++, n += step)
                {
                    simulators[(int)(n % routers)].AddHotspotSession(
                        LoadNaming.UserName(n), LoadNaming.Mac(n).Replace('-', ':'),
                        string.Create(CultureInfo.InvariantCulture, $"10.{(n >> 16) & 0xFF}.{(n >> 8) & 0xFF}.{n & 0xFF}"), maxLimit: null);
                }

                Console.WriteLine($"READY routers ports={string.Join(',', simulators.Select(s => s.Port))} sessions={total}");
                await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"routers: {simulators.Sum(s => s.HotspotActive.Count)} sessions left, {simulators.Sum(s => s.LoginCount)} logins");
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
