using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>
/// Serilog to stdout only (journald stores, rotates and timestamps): a human console format on a terminal, compact
/// JSON (one event per line, structured fields kept) when stdout is redirected or the process runs under systemd.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>Whether to write compact JSON: stdout is not a terminal, or systemd started the process.</summary>
    public static bool UseJson =>
        Console.IsOutputRedirected
        || Environment.GetEnvironmentVariable("INVOCATION_ID") is not null
        || Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null;

    public static Serilog.Core.Logger CreateLogger(bool json)
    {
        LoggerConfiguration configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext();

        return json
            ? configuration.WriteTo.Console(new CompactJsonFormatter()).CreateLogger()
            : configuration.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
    }
}
