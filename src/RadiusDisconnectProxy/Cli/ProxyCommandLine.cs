using System.CommandLine;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// The root command (README.md, Command line) and how its outcome becomes an exit code: 0 ok, 1 operation failed,
/// 2 usage error, 78 configuration error. Results go to stdout, diagnostics to stderr.
/// </summary>
public static class ProxyCommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitConfig = 78;

    public static RootCommand Create(CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = new RootCommand("RFC 5176 Disconnect/CoA proxy: carries out Disconnect- and CoA-Requests on CoovaChilli (MQTT), MikroTik (RouterOS API) and RFC 5176 NASes.");

        // `serve` is also what runs when no command is given.
        Command serve = ServeCommand.Create(config);
        root.Options.Add(config.ConfigOption);
        root.Options.Add(ServeCommand.LogLevelOption);
        root.Options.Add(ServeCommand.DebugOption);
        root.TreatUnmatchedTokensAsErrors = false;
        root.Action = serve.Action;
        root.Subcommands.Add(serve);
        root.Subcommands.Add(CheckConfigCommand.Create(config));
        var packet = new Command("packet", "Work with raw RADIUS packets.");
        packet.Subcommands.Add(PacketDecodeCommand.Create());
        root.Subcommands.Add(packet);
        root.Subcommands.Add(NasCommands.CreateNas(config));
        root.Subcommands.Add(NasCommands.CreateSessions(config));
        root.Subcommands.Add(AdminCommand.Create());
        CommandHelp.Install(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; never throws for a bad command line or configuration.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CliConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        RootCommand root = Create(config ?? new CliConfig());
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"radius-disconnect-proxy: {parseError.Message}");
            }

            await WriteUsageHintAsync(error, parseResult.CommandResult.Command);
            return ExitUsage;
        }

        Command command = parseResult.CommandResult.Command;
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // The daemon handles SIGTERM itself (the host drains every request in flight, each within its NAS
                // deadline); the library's own handler would end the process 2 s after the signal (exit 143).
                ProcessTerminationTimeout = command is RootCommand || command.Name == "serve" ? null : TimeSpan.FromSeconds(2),
            });
        }
        catch (ConfigurationException e)
        {
            // Every error of the file at once, one file:line: message line each, so one edit fixes them all.
            foreach (ConfigurationException each in e.Errors)
            {
                await error.WriteLineAsync($"radius-disconnect-proxy: configuration error: {each.Message}");
            }

            return ExitConfig;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"radius-disconnect-proxy: {e.Message}");
            await WriteUsageHintAsync(error, command);
            return ExitUsage;
        }
    }

    /// <summary>After a usage error: an example of the command meant, and where the full help is.</summary>
    private static async Task WriteUsageHintAsync(TextWriter error, Command command)
    {
        if (CommandHelp.FirstExample(command) is { } example)
        {
            await error.WriteLineAsync($"Example: {example}");
        }

        string path = CommandHelp.PathOf(command);
        await error.WriteLineAsync($"Try '{CommandHelp.Program}{(path.Length > 0 ? " " + path : "")} --help'.");
    }
}
