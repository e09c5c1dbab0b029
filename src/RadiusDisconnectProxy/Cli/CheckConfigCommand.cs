using System.CommandLine;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Cli;

/// <summary><c>check-config [--config PATH]</c>: validate; print the clients, NASes and dictionary; exit 0 or 78.</summary>
internal static class CheckConfigCommand
{
    public static Command Create(CliConfig config)
    {
        var command = new Command("check-config", "Validate the configuration and print its clients, NASes and dictionary size.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(config.ConfigOption);
        command.SetAction(parseResult =>
        {
            ProxyOptions options = config.Load(parseResult);
            InvocationConfiguration io = parseResult.InvocationConfiguration;
            foreach (string warning in options.Warnings)
            {
                io.Error.WriteLine($"warning: {warning}");
            }

            RadiusDisconnectProxy.Radius.Dictionary.RadiusDictionary dictionary = DictionaryLoader.Load(options);
            ConfigSummary.Write(options, dictionary, config.Types, io.Output);
            return ProxyCommandLine.ExitOk;
        });
        return command;
    }
}
