using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>Host life-cycle log events (event ids 100–119).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = EventIds.Host.ConfigurationLoaded, Level = LogLevel.Information, Message = "Configuration {ConfigPath}: {ClientCount} clients, {NasCount} NASes, MQTT {MqttMode}")]
    public static partial void ConfigurationLoaded(ILogger logger, string? configPath, int clientCount, int nasCount, string mqttMode);

    [LoggerMessage(EventId = EventIds.Host.ConfigurationWarning, Level = LogLevel.Warning, Message = "Configuration warning: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = EventIds.Host.StartFailed, Level = LogLevel.Critical, Message = "Start-up failed: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = EventIds.Host.BackgroundServiceFailed, Level = LogLevel.Critical, Message = "Background service {Service} failed; stopping with exit code 1")]
    public static partial void BackgroundServiceFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = EventIds.Host.Stopped, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = EventIds.Host.Reloading, Level = LogLevel.Information, Message = "SIGHUP: reloading {ConfigPath}")]
    public static partial void Reloading(ILogger logger, string? configPath);

    [LoggerMessage(EventId = EventIds.Host.Reloaded, Level = LogLevel.Information, Message = "Reloaded {ConfigPath} in {ElapsedMs} ms: {ClientCount} clients, {NasCount} NASes, log level {LogLevel}")]
    public static partial void Reloaded(ILogger logger, string? configPath, long elapsedMs, int clientCount, int nasCount, string logLevel);

    [LoggerMessage(EventId = EventIds.Host.ReloadRejected, Level = LogLevel.Error, Message = "Reload rejected, the running configuration is kept: {Reason}")]
    public static partial void ReloadRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.Host.ReloadNeedsRestart, Level = LogLevel.Warning, Message = "Reload: {Setting} changed; it takes effect after a restart (systemctl restart radius-disconnect-proxy)")]
    public static partial void ReloadNeedsRestart(ILogger logger, string setting);

    [LoggerMessage(EventId = EventIds.Host.StartFailedPlain, Level = LogLevel.Critical, Message = "Start-up failed: {Reason}")]
    public static partial void StartFailedPlain(ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.Host.ConfigurationError, Level = LogLevel.Critical, Message = "Configuration error: {Reason}")]
    public static partial void ConfigurationError(ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.Host.Stopping, Level = LogLevel.Information, Message = "Stopping: no new requests; answering the {Pending} request(s) in flight, each within its NAS deadline (at most {Timeout})")]
    public static partial void Stopping(ILogger logger, int pending, TimeSpan timeout);
}
