using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Cli;

/// <summary><c>serve [--config PATH] [--section:key=value …]</c>: run the daemon until SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConfig config)
    {
        var command = new Command("serve", "Run the daemon (the default when no command is given). Overrides: --section:key=value, e.g. --listen:port=3800.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(config.ConfigOption);
        command.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConfig config, ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Configuration errors propagate to the root (exit 78, message on stderr) before any logging starts.
        ProxyOptions options = config.Load(parseResult);
        RadiusDictionary dictionary = DictionaryLoader.Load(options);
        await using Serilog.Core.Logger logger = LoggingSetup.CreateLogger(LoggingSetup.UseJson);
        using IHost host = ProxyHost.Build(options, logger, services => services.AddSingleton(dictionary));
        return await ProxyHost.RunAsync(host, cancellationToken);
    }
}
