using System.Collections.Concurrent;
using System.Globalization;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>The MQTT topics of RADIUSdesk's MESHdesk/APdesk firmware (docs/meshdesk.md §1, §3).</summary>
public static class MqttTopics
{
    /// <summary>Where nodes publish <c>os_command</c>, <c>fetched</c> and <c>replied</c> (the nodes' <c>mqtt_command_topic</c>).</summary>
    public const string CommandResponse = "/RD/NODE/COMMAND/RESPONSE";

    /// <summary>Devices whose command topic is kept; the fleet of one proxy is far smaller, and beyond it topics are made per use.</summary>
    private const int CachedTopics = 100_000;

    private static readonly ConcurrentDictionary<long, string> s_meshTopics = new();
    private static readonly ConcurrentDictionary<long, string> s_apTopics = new();

    /// <summary>
    /// <c>/RD/MESH/&lt;node_id&gt;/COMMAND</c> or <c>/RD/AP/&lt;ap_id&gt;/COMMAND</c>: the topic a node's mqtt.lua subscribes to.
    /// Made once per device, not per command (docs/load-testing.md, "Slow-path allocation").
    /// </summary>
    public static string Command(NodeMode mode, long deviceId)
    {
        ConcurrentDictionary<long, string> cache = mode == NodeMode.Mesh ? s_meshTopics : s_apTopics;
        if (cache.TryGetValue(deviceId, out string? topic))
        {
            return topic;
        }

        topic = mode == NodeMode.Mesh
            ? string.Create(CultureInfo.InvariantCulture, $"/RD/MESH/{deviceId}/COMMAND")
            : string.Create(CultureInfo.InvariantCulture, $"/RD/AP/{deviceId}/COMMAND");
        return cache.Count < CachedTopics ? cache.GetOrAdd(deviceId, topic) : topic;
    }
}
