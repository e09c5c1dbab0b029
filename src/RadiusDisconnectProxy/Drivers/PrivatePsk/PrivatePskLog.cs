using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>Log events of the private_psk driver (event ids 3400–3499, Logging/EventIds.cs).</summary>
internal static partial class PrivatePskLog
{
    [LoggerMessage(EventId = EventIds.PrivatePsk.Acknowledged, Level = LogLevel.Information, Message = "NAS {Nas}: {Mode} {DeviceId} acknowledged command {CmdId} ({Status}): {Command}")]
    public static partial void Acknowledged(ILogger logger, string nas, string mode, long deviceId, long cmdId, string status, string command);

    [LoggerMessage(EventId = EventIds.PrivatePsk.NotAcknowledged, Level = LogLevel.Warning, Message = "NAS {Nas}: {Mode} {DeviceId} did not acknowledge '{Command}' within {Timeout}")]
    public static partial void NotAcknowledged(ILogger logger, string nas, string mode, long deviceId, string command, TimeSpan timeout);

    [LoggerMessage(EventId = EventIds.PrivatePsk.BrokerUnavailable, Level = LogLevel.Warning, Message = "NAS {Nas}: MQTT broker unavailable, command not delivered: {Command}")]
    public static partial void BrokerUnavailable(ILogger logger, string nas, string command);

    [LoggerMessage(EventId = EventIds.PrivatePsk.UnknownDevice, Level = LogLevel.Warning, Message = "NAS {Nas}: Operator-Name {OperatorName} names {Mode} {DeviceId}, which this NAS entry does not list")]
    public static partial void UnknownDevice(ILogger logger, string nas, string operatorName, string mode, long deviceId);

    [LoggerMessage(EventId = EventIds.PrivatePsk.RecordingFailed, Level = LogLevel.Warning, Message = "Recording a private-PSK node action failed ({Error}); the command is sent anyway")]
    public static partial void RecordingFailed(ILogger logger, string error);
}
