using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>Log events of the CoovaMeshdesk driver (event ids 4100–4149).</summary>
internal static partial class CoovaLog
{
    [LoggerMessage(EventId = EventIds.Coova.NodeAcknowledged, Level = LogLevel.Debug, Message = "NAS {Nas}: {Mode} {DeviceId} acknowledged command {CmdId} ({Status}): {Command}")]
    public static partial void NodeAcknowledged(this ILogger logger, string nas, string mode, long deviceId, long cmdId, string status, string command);

    [LoggerMessage(EventId = EventIds.Coova.NoNodeAcknowledged, Level = LogLevel.Warning, Message = "NAS {Nas}: no node acknowledged '{Command}' within {Timeout} ({Targets} targets)")]
    public static partial void NoNodeAcknowledged(this ILogger logger, string nas, string command, TimeSpan timeout, int targets);

    [LoggerMessage(EventId = EventIds.Coova.BrokerUnavailable, Level = LogLevel.Warning, Message = "NAS {Nas}: MQTT broker unavailable, command not delivered: {Command}")]
    public static partial void BrokerUnavailable(this ILogger logger, string nas, string command);

    [LoggerMessage(EventId = EventIds.Coova.NoTargets, Level = LogLevel.Warning, Message = "NAS {Nas} (type CoovaMeshdesk) has no gateway node and no access point configured")]
    public static partial void NoTargets(this ILogger logger, string nas);

    [LoggerMessage(EventId = EventIds.Coova.RecordingFailed, Level = LogLevel.Warning, Message = "Recording a node action failed ({Error}); the command is handled anyway (proxy-made cmd_id if none was recorded)")]
    public static partial void RecordingFailed(this ILogger logger, string error);
}
