using RadiusDisconnectProxy.Audit;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting;
using RadiusDisconnectProxy.Hosting.Logging;
using RadiusDisconnectProxy.Hosting.Reload;
using RadiusDisconnectProxy.Radius.Dictionary;
using Serilog.Core;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// <c>serve [--config PATH] [--log-level LEVEL] [-X] [--section:key=value …]</c>: run the daemon until SIGTERM; SIGHUP
/// reloads the configuration.
/// </summary>
internal static class ServeCommand
{
    public static Option<string?> LogLevelOption { get; } = CreateLogLevelOption();

    public static Option<bool> DebugOption { get; } = new("-X")
    {
        Description = "Debug in the foreground, as freeradius -X: log level debug (every dropped packet with its source and reason), readable text.",
    };

    public static Command Create(CliConfig config)
    {
        var command = new Command("serve", "Run the daemon (the default when no command is given). SIGTERM stops it after answering every request in flight; SIGHUP reloads radius.conf.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(config.ConfigOption);
        command.Options.Add(LogLevelOption);
        command.Options.Add(DebugOption);
        command.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, cancellationToken));
        return command;
    }

    private static Option<string?> CreateLogLevelOption()
    {
        var option = new Option<string?>("--log-level")
        {
            Description = "debug | info | warning | error; overrides log { level } in radius.conf.",
            HelpName = "LEVEL",
        };
        option.AcceptOnlyFromAmong("debug", "info", "warning", "error");
        return option;
    }

    private static async Task<int> RunAsync(CliConfig config, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var hangups = new HangupSignal(); // a HUP while starting is queued, not fatal
        // Configuration errors propagate to the root (exit 78, message on stderr) before any logging starts.
        Func<ProxyOptions> load = config.Loader(parseResult);
        ProxyOptions options = load();
        RadiusDictionary dictionary = DictionaryLoader.Load(options);

        bool debug = parseResult.GetValue(DebugOption);
        LogLevel? forced = debug ? LogLevel.Debug : parseResult.GetValue(LogLevelOption) switch
        {
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => null,
        };
        var levelSwitch = new LoggingLevelSwitch(LoggingSetup.ToSerilog(forced ?? options.Log.Level));
        LogFormat format = debug ? LogFormat.Text : options.Log.Format;
        await using Logger logger = LoggingSetup.CreateLogger(format, levelSwitch);
        var reload = new ReloadSource(load, levelSwitch, forced, hangups);

        // The audit writer renders its lines itself in the layout the log formatter would give them (no log event per request).
        var auditOutput = new AuditConsoleOutput(format == LogFormat.Json ? AuditLineLayout.Json
            : LoggingSetup.UnderJournald ? AuditLineLayout.Journald : AuditLineLayout.Text);
        using IHost host = ProxyHost.Build(options, logger, services => services.AddSingleton(dictionary).AddSingleton(auditOutput).AddConfigReload(reload));
        return await ProxyHost.RunAsync(host, cancellationToken);
    }
}
