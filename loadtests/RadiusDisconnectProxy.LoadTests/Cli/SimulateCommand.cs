using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.LoadTests.Simulation;
using RadiusDisconnectProxy.TestSupport.Nas;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>
/// `rdp-load simulate …`: hosts simulators in their own process, so their CPU is not charged to the proxy.
/// Prints one "READY …" line when listening and runs until SIGTERM/Ctrl-C, --lifetime, or (stdin a pipe) stdin closes.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "host NAS / MESHdesk node / RouterOS simulators until stopped");
        command.Add(CreateNas());
        command.Add(NodesSimulateCommand.Create());
        command.Add(RoutersSimulateCommand.Create());
        command.Add(RouterOsSimulateCommand.Create());
        command.Add(MariaDbSimulateCommand.Create());
        return command;
    }

    private static Command CreateNas()
    {
        var port = new Option<int>("--port") { Description = "UDP port on 127.0.0.1 (0 = any free port)" };
        var secret = new Option<string>("--secret") { Description = "secret shared with the proxy", DefaultValueFactory = _ => "nassecret" };
        var builtin = new Option<bool>("--builtin") { Description = "use the load tool's own minimal responder instead of the TestSupport NAS simulator" };
        var lifetime = Lifetime();
        var command = new Command("nas", "an RFC 5176 NAS that ACKs every authentic request at once (TestSupport NasSimulator, instant mode)") { port, secret, builtin, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(builtin))
            {
                using var own = new InstantNas(new IPEndPoint(IPAddress.Loopback, parse.GetValue(port)), parse.GetValue(secret)!);
                Console.WriteLine($"READY nas endpoint={own.EndPoint}");
                await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"nas answered {Interlocked.Read(ref own.Answered)}, dropped {Interlocked.Read(ref own.Dropped)}");
                return 0;
            }

            // Instant mode: no recording, no delay, answered inline on the receive loop (port 0 only: it picks its own).
            await using NasSimulator nas = NasSimulator.Start(parse.GetValue(secret)!, new NasSimulatorBehavior { Record = false });
            Console.WriteLine($"READY nas endpoint={nas.Endpoint}");
            await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"nas received {nas.ReceivedCount}, answered {nas.AnsweredCount}, bad authenticators {nas.BadAuthenticatorCount}");
            return 0;
        });
        return command;
    }

    public static Option<TimeSpan> Lifetime() => new("--lifetime")
    {
        Description = "stop by itself after this long",
        CustomParser = r => DurationText.Parse(r.Tokens[0].Value),
        DefaultValueFactory = _ => TimeSpan.FromHours(3),
    };
}
