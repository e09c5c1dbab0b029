using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace RadiusDisconnectProxy.Hosting.Logging;

/// <summary>
/// Serilog to stdout only (journald stores, rotates and timestamps; docs/operations.md, "Logs"): readable text by
/// default (on a terminal and under journald, where each line carries its syslog priority), compact JSON only with
/// <c>log { format = json }</c>. The level is a switch so SIGHUP can change it.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>
    /// Whether stdout goes to the journal: systemd sets JOURNAL_STREAM for a service whose stdout is connected to
    /// journald (systemd.exec(5)); a terminal always gets the human format.
    /// </summary>
    public static bool UnderJournald =>
        !Console.IsOutputRedirected ? false : Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 };

    public static Logger CreateLogger(LogFormat format, LoggingLevelSwitch level)
    {
        LoggerConfiguration configuration = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // The host logs a start-up or background-service failure with its stack trace; ProxyHost reports it once.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .Enrich.With<ConfigNotationEnricher>();

        Serilog.Formatting.ITextFormatter formatter = format == LogFormat.Json
            ? new JsonLogFormatter()
            : new TextLogFormatter(journald: UnderJournald);
        return configuration.WriteTo.Console(formatter).CreateLogger();
    }

    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };

    /// <summary>The radius.conf spelling of a level (debug, info, warning, error).</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        _ => "error",
    };
}
