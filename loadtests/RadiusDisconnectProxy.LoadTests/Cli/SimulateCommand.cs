using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.LoadTests.Simulation;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>
/// `rdp-load simulate …`: hosts simulators in their own process, so their CPU is not charged to the proxy.
/// Prints one "READY …" line when listening and runs until stdin closes, SIGTERM/Ctrl-C, or --lifetime.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "host NAS / MESHdesk node / RouterOS simulators until stopped");
        command.Add(CreateNas());
        return command;
    }

    private static Command CreateNas()
    {
        var port = new Option<int>("--port") { Description = "UDP port on 127.0.0.1 (0 = any free port)" };
        var secret = new Option<string>("--secret") { Description = "secret shared with the proxy", DefaultValueFactory = _ => "nassecret" };
        var lifetime = Lifetime();
        var command = new Command("nas", "an RFC 5176 NAS that ACKs every authentic request at once") { port, secret, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var nas = new InstantNas(new IPEndPoint(IPAddress.Loopback, parse.GetValue(port)), parse.GetValue(secret)!);
            Console.WriteLine($"READY nas endpoint={nas.EndPoint}");
            await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"nas answered {Interlocked.Read(ref nas.Answered)}, dropped {Interlocked.Read(ref nas.Dropped)}");
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
