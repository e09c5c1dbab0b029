using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>Host life-cycle log events (event ids 100–119).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Configuration {ConfigPath}: {ClientCount} clients, {NasCount} NASes, MQTT {MqttMode}")]
    public static partial void ConfigurationLoaded(ILogger logger, string? configPath, int clientCount, int nasCount, string mqttMode);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Configuration warning: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 102, Level = LogLevel.Critical, Message = "Start-up failed: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Critical, Message = "Background service {Service} failed; stopping with exit code 1")]
    public static partial void BackgroundServiceFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);
}
