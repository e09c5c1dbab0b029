using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

/// <summary>
/// One MESHdesk node or APdesk AP as its <c>mqtt.lua</c> behaves (reference/radiusdesk.md §2.2–2.3): it takes
/// messages from its own command topic whose <c>mac</c> (upper-cased) equals its MAC, and answers on
/// <c>/RD/NODE/COMMAND/RESPONSE</c> with <c>os_command</c> (action <c>execute</c>) or <c>fetched</c> then
/// <c>replied</c> with the command output (action <c>execute_and_reply</c>), for <c>chilli_query</c> and private PSK's
/// <c>hostapd_disconnect.lua</c> alike. Runs inside a <see cref="NodeFleet"/>.
/// </summary>
public sealed class SimulatedNode
{
    public const string ResponseTopic = "/RD/NODE/COMMAND/RESPONSE";

    private readonly ConcurrentQueue<ReceivedNodeCommand> _received = new();
    private readonly ConcurrentQueue<HostapdDisconnect> _hostapdDisconnects = new();
    private readonly SemaphoreSlim _receivedSignal = new(0);
    private int _ignored;
    private int _receivedCount;

    public SimulatedNode(SimulatedNodeMode mode, long id, string mac, string? meshId = null)
    {
        Mode = mode;
        Id = id;
        Mac = mac.ToUpperInvariant();
        MeshId = meshId;
        CommandTopic = mode == SimulatedNodeMode.Mesh
            ? string.Create(CultureInfo.InvariantCulture, $"/RD/MESH/{id}/COMMAND")
            : string.Create(CultureInfo.InvariantCulture, $"/RD/AP/{id}/COMMAND");
    }

    public static SimulatedNode MeshNode(long nodeId, string mac, string meshId) => new(SimulatedNodeMode.Mesh, nodeId, mac, meshId);

    public static SimulatedNode AccessPoint(long apId, string mac) => new(SimulatedNodeMode.Ap, apId, mac);

    public SimulatedNodeMode Mode { get; }

    public long Id { get; }

    /// <summary>The node's own MAC (<c>meta_data.mac</c>), upper case with dashes.</summary>
    public string Mac { get; }

    public string? MeshId { get; }

    public string CommandTopic { get; }

    /// <summary>Set through <see cref="NodeFleet.SetBehaviourAsync"/> (Offline changes the subscription).</summary>
    public NodeBehaviour Behaviour { get; internal set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The output a command "prints" for <c>execute_and_reply</c> (chilli_query prints nothing).</summary>
    public Func<string, string> CommandOutput { get; set; } = static _ => "";

    /// <summary>Commands accepted, in arrival order.</summary>
    public IReadOnlyList<ReceivedNodeCommand> Received => [.. _received];

    public int ReceivedCount => Volatile.Read(ref _receivedCount);

    /// <summary>Private-PSK clients the node's <c>hostapd_disconnect.lua</c> removed, in order (not when silent).</summary>
    public IReadOnlyList<HostapdDisconnect> HostapdDisconnects => [.. _hostapdDisconnects];

    /// <summary>Messages dropped because their <c>mac</c> was not this node's (or not parseable).</summary>
    public int IgnoredCount => Volatile.Read(ref _ignored);

    /// <summary>Waits until at least <paramref name="count"/> commands were accepted.</summary>
    public async Task WaitForCommandsAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (ReceivedCount < count)
        {
            await _receivedSignal.WaitAsync(cancel.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one message from the command topic; returns the replies to publish, in order, with their delay.</summary>
    internal IReadOnlyList<byte[]> Handle(string topic, ReadOnlySpan<byte> payload, bool retained)
    {
        if (Behaviour == NodeBehaviour.Offline)
        {
            return [];
        }

        string json = System.Text.Encoding.UTF8.GetString(payload);
        long cmdId;
        string command, action;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            // mqtt.lua: if string.upper(payload.mac) ~= meta_data.mac then ignore.
            if (!root.TryGetProperty("mac", out JsonElement mac) || mac.ValueKind != JsonValueKind.String
                || !string.Equals(mac.GetString()!.ToUpperInvariant(), Mac, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _ignored);
                return [];
            }

            cmdId = root.GetProperty("cmd_id").GetInt64();
            command = root.GetProperty("cmd").GetString() ?? "";
            action = root.GetProperty("action").GetString() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Interlocked.Increment(ref _ignored);
            return [];
        }

        _received.Enqueue(new ReceivedNodeCommand(topic, json, cmdId, command, action, retained));
        Interlocked.Increment(ref _receivedCount);
        _receivedSignal.Release();
        if (Behaviour == NodeBehaviour.Silent)
        {
            return [];
        }

        // mqtt.lua runs any command with os.execute and acknowledges it the same way; the private-PSK script's effect is
        // recorded so tests can see which client and entry it removed.
        if (HostapdDisconnect.Parse(command) is { } disconnect)
        {
            _hostapdDisconnects.Enqueue(disconnect);
        }

        return action == "execute_and_reply"
            ? [Reply(cmdId, "fetched", null), Reply(cmdId, "replied", CommandOutput(command))]
            : [Reply(cmdId, "os_command", null)];
    }

    /// <summary>The reply mqtt.lua publishes: the node's own identity, the command's cmd_id, and the status.</summary>
    private byte[] Reply(long cmdId, string status, string? output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(192);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Mode == SimulatedNodeMode.Mesh)
            {
                writer.WriteString("mode", "mesh");
                writer.WriteNumber("node_id", Id);
                writer.WriteString("mesh_id", MeshId);
            }
            else
            {
                writer.WriteString("mode", "ap");
                writer.WriteNumber("ap_id", Id);
            }

            writer.WriteString("mac", Mac);
            writer.WriteNumber("cmd_id", cmdId);
            writer.WriteString("status", status);
            if (output is not null)
            {
                writer.WriteString("reply", output);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
