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
}
