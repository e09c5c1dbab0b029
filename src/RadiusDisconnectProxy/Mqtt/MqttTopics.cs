using System.Globalization;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>The MQTT topics of RADIUSdesk's MESHdesk/APdesk firmware (docs/meshdesk.md §1, §3).</summary>
public static class MqttTopics
{
    /// <summary>Where nodes publish <c>os_command</c>, <c>fetched</c> and <c>replied</c> (the nodes' <c>mqtt_command_topic</c>).</summary>
    public const string CommandResponse = "/RD/NODE/COMMAND/RESPONSE";

    /// <summary><c>/RD/MESH/&lt;node_id&gt;/COMMAND</c> or <c>/RD/AP/&lt;ap_id&gt;/COMMAND</c>: the topic a node's mqtt.lua subscribes to.</summary>
    public static string Command(NodeMode mode, long deviceId) =>
        mode == NodeMode.Mesh
            ? string.Create(CultureInfo.InvariantCulture, $"/RD/MESH/{deviceId}/COMMAND")
            : string.Create(CultureInfo.InvariantCulture, $"/RD/AP/{deviceId}/COMMAND");
}
