using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Cli;

namespace RadiusDisconnectProxy.LoadTests;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Reports piped to a file keep the whole table on one line per run.
            Spectre.Console.AnsiConsole.Profile.Width = 220;
        }

        var root = new RootCommand("rdp-load: RADIUS Disconnect/CoA load generator, simulators and scenarios for RadiusDisconnectProxy")
        {
            RunCommand.Create(),
            SimulateCommand.Create(),
            CompareCommand.Create(),
            ScenariosCommand.Create(),
            SoakCommand.Create(),
            RadSec.RadSecCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
