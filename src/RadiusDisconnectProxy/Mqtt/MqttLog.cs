using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>Log events of the MQTT area (event ids 4000–4099). Never logs a password.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = EventIds.Mqtt.MqttConnected, Level = LogLevel.Information, Message = "MQTT connected to {Server}:{Port} (tls {Tls}) and subscribed to {Topic}")]
    public static partial void MqttConnected(this ILogger logger, string server, int port, bool tls, string topic);

    [LoggerMessage(EventId = EventIds.Mqtt.MqttConnectFailed, Level = LogLevel.Warning, Message = "MQTT broker {Server}:{Port} unreachable: {Reason}; retrying in {RetryDelay}")]
    public static partial void MqttConnectFailed(this ILogger logger, string server, int port, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = EventIds.Mqtt.MqttDisconnected, Level = LogLevel.Warning, Message = "MQTT connection to {Server}:{Port} lost ({Reason}); requests waiting for node replies fail now (NAK 506)")]
    public static partial void MqttDisconnected(this ILogger logger, string server, int port, string reason);

    [LoggerMessage(EventId = EventIds.Mqtt.CommandPublished, Level = LogLevel.Debug, Message = "MQTT published command {CmdId} to {Topic}")]
    public static partial void CommandPublished(this ILogger logger, string topic, long cmdId);

    [LoggerMessage(EventId = EventIds.Mqtt.CommandNotPublished, Level = LogLevel.Debug, Message = "MQTT could not publish command {CmdId} to {Topic}")]
    public static partial void CommandNotPublished(this ILogger logger, string topic, long cmdId);

    [LoggerMessage(EventId = EventIds.Mqtt.PendingTableFull, Level = LogLevel.Warning, Message = "MQTT pending reply table full ({Count} commands in flight): request refused")]
    public static partial void PendingTableFull(this ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerStarted, Level = LogLevel.Information,
        Message = "Embedded MQTT broker listening on {Address}:{Port} over {Transport} (node authentication {Authentication})")]
    public static partial void EmbeddedBrokerStarted(this ILogger logger, string address, int port, string authentication, string transport);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerRefusedClient, Level = LogLevel.Warning, Message = "Embedded MQTT broker refused client {ClientId} from {Endpoint}: {Reason}")]
    public static partial void EmbeddedBrokerRefusedClient(this ILogger logger, string clientId, string? endpoint, string reason);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerAnonymous, Level = LogLevel.Warning,
        Message = "Embedded MQTT broker on {Address}:{Port} accepts clients without a login (allow_anonymous = yes): anyone who reaches it can read node commands and send replies")]
    public static partial void EmbeddedBrokerAnonymous(this ILogger logger, string address, int port);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerRefusedSubscription, Level = LogLevel.Warning, Message = "Embedded MQTT broker refused client {ClientId} a subscription to {Topic}: nodes may subscribe only to their own command topic")]
    public static partial void EmbeddedBrokerRefusedSubscription(this ILogger logger, string clientId, string topic);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerRefusedPublish, Level = LogLevel.Warning,
        Message = "Embedded MQTT broker refused a publish by client {ClientId} to {Topic}: nodes may publish only (unretained) replies to /RD/NODE/COMMAND/RESPONSE")]
    public static partial void EmbeddedBrokerRefusedPublish(this ILogger logger, string clientId, string topic);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerStopped, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
    public static partial void EmbeddedBrokerStopped(this ILogger logger);

    [LoggerMessage(EventId = EventIds.Mqtt.PublishFailed, Level = LogLevel.Debug, Message = "MQTT publish to {Topic} failed: {Reason}")]
    public static partial void PublishFailed(this ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = EventIds.Mqtt.MqttSwitching, Level = LogLevel.Information,
        Message = "MQTT settings reloaded: connecting to {Server}:{Port} (tls {Tls}); commands already sent through {OldServer}:{OldPort} get their replies there")]
    public static partial void MqttSwitching(this ILogger logger, string server, int port, bool tls, string oldServer, int oldPort);

    [LoggerMessage(EventId = EventIds.Mqtt.MqttRetiredConnectionClosed, Level = LogLevel.Information,
        Message = "MQTT connection to {OldServer}:{OldPort} closed after the reply timeout: new commands go to {Server}:{Port}")]
    public static partial void MqttRetiredConnectionClosed(this ILogger logger, string oldServer, int oldPort, string server, int port);

    [LoggerMessage(EventId = EventIds.Mqtt.EmbeddedBrokerLoginChanged, Level = LogLevel.Information,
        Message = "Embedded MQTT broker: node login reloaded (node authentication {Authentication}); {Disconnected} connected node(s) without the new login disconnected")]
    public static partial void EmbeddedBrokerLoginChanged(this ILogger logger, string authentication, int disconnected);
}
