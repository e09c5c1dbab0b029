using System.Reflection;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// MQTT 3.1.1 §3.1.3-6/-7: a client with clean session may send an empty ClientId and the server must assign one.
/// libmosquitto 2.x (mosquitto_sub, and the lua-mosquitto the MESHdesk firmware uses) does exactly that, but MQTTnet
/// 5.2 assigns ids only for MQTT 5 and refuses such 3.1.1 clients. This fills in the CONNECT packet's ClientId during
/// validation, before MQTTnet checks it.
/// </summary>
internal static class ClientIdAssignment
{
    // MQTTnet 5.2 keeps the CONNECT packet in this private field; if a later version renames it, the lookup yields
    // null and such clients are refused as before (the embedded-broker tests would show it).
    private static readonly FieldInfo? s_connectPacket =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", BindingFlags.Instance | BindingFlags.NonPublic);

    public static void AssignIfEmpty(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId) || e.CleanSession == false)
        {
            return;
        }

        string assigned = "auto-" + Guid.NewGuid().ToString("N");
        e.AssignedClientIdentifier = assigned;
        if (s_connectPacket?.GetValue(e) is MqttConnectPacket packet)
        {
            packet.ClientId = assigned;
        }
    }
}
