using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The JSON of node commands and replies, field for field as RADIUSdesk writes and MESHdesk mqtt.lua reads it
/// (docs/meshdesk.md §3). Written with a reused <see cref="Utf8JsonWriter"/> into pooled
/// buffers; replies are read with <see cref="Utf8JsonReader"/> straight from the MQTT payload.
/// </summary>
public static class NodeCommandJson
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// <c>{"mode":"mesh","node_id":146,"mac":"C4-4B-D1-00-97-49","mesh_id":"MY-MESH","cmd_id":…,"cmd":"…","action":"execute"}</c>;
    /// APs: <c>{"mode":"ap","ap_id":7,"mac":"…","cmd_id":…,"cmd":"…","action":"execute"}</c>.
    /// </summary>
    public static void Write(NodeCommand command, IBufferWriter<byte> output)
    {
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(output, s_writerOptions);
        writer.Reset(output);
        writer.WriteStartObject();
        if (command.Mode == NodeMode.Mesh)
        {
            writer.WriteString("mode"u8, "mesh"u8);
            writer.WriteNumber("node_id"u8, command.DeviceId);
            writer.WriteString("mac"u8, command.DeviceMac);
            writer.WriteString("mesh_id"u8, command.MeshId ?? "");
        }
        else
        {
            writer.WriteString("mode"u8, "ap"u8);
            writer.WriteNumber("ap_id"u8, command.DeviceId);
            writer.WriteString("mac"u8, command.DeviceMac);
        }

        writer.WriteNumber("cmd_id"u8, command.CmdId);
        writer.WriteString("cmd"u8, command.Command);
        writer.WriteString("action"u8, command.Action);
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset(Stream.Null);
    }

    /// <summary>The command as a string (tests and diagnostics).</summary>
    public static string ToJsonString(NodeCommand command)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(command, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads a reply from <see cref="MqttTopics.CommandResponse"/>. False for anything that is not a JSON object with
    /// a known <c>mode</c>, the matching device id, a <c>cmd_id</c> and a <c>status</c>. Ids may be numbers or strings
    /// (RADIUSdesk itself sends <c>ap_id</c> as a string).
    /// </summary>
    public static bool TryParseReply(ReadOnlySequence<byte> payload, out NodeReply? reply)
    {
        reply = null;
        try
        {
            return TryParseReplyCore(payload, out reply);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: GetString on a string that is not valid UTF-8 (found by fuzzing, see
            // fuzz/README.md); such a payload is not a reply, like any other malformed one.
            reply = null;
            return false;
        }
    }

    private static bool TryParseReplyCore(ReadOnlySequence<byte> payload, out NodeReply? reply)
    {
        reply = null;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        NodeMode? mode = null;
        long? nodeId = null, apId = null, cmdId = null;
        string? status = null, output = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("mode"u8))
            {
                reader.Read();
                mode = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals("mesh"u8) ? NodeMode.Mesh
                    : reader.ValueTextEquals("ap"u8) ? NodeMode.Ap
                    : null;
            }
            else if (reader.ValueTextEquals("node_id"u8))
            {
                reader.Read();
                nodeId = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("ap_id"u8))
            {
                reader.Read();
                apId = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("cmd_id"u8))
            {
                reader.Read();
                cmdId = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.String ? Status(ref reader) : null;
            }
            else if (reader.ValueTextEquals("reply"u8))
            {
                reader.Read();
                output = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        long? deviceId = mode == NodeMode.Mesh ? nodeId : apId;
        if (mode is null || deviceId is null || cmdId is null || status is null)
        {
            return false;
        }

        reply = new NodeReply(new NodeReplyKey(mode.Value, deviceId.Value, cmdId.Value), status, output);
        return true;
    }

    /// <summary>The three statuses a node sends as the shared constants (no string per reply); anything else as read.</summary>
    private static string? Status(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("os_command"u8) ? NodeReply.OsCommand
        : reader.ValueTextEquals("fetched"u8) ? NodeReply.Fetched
        : reader.ValueTextEquals("replied"u8) ? NodeReply.Replied
        : reader.GetString();

    private static long? ReadId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out long number) ? number : null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return long.TryParse(reader.ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long parsed)
                ? parsed
                : null;
        }

        reader.Skip();
        return null;
    }
}
