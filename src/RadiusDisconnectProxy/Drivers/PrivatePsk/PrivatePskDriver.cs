using System.Text;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>
/// NAS <c>type = private_psk</c> (docs/private-psk.md): hostapd private PSK on a MESHdesk node or APdesk AP. The node or
/// AP comes from the session's Operator-Name (the request's, else radacct's), the command
/// <c>/etc/MESHdesk/utils/hostapd_disconnect.lua &lt;MAC&gt; &lt;entry&gt;</c> goes over the MQTT node-command path with the
/// JSON, acknowledgement and recording of CoovaMeshdesk. Disconnect only: a CoA has nothing to apply (NAK 401).
/// </summary>
public sealed class PrivatePskDriver : INasDriver
{
    public const string TypeName = "private_psk";

    /// <summary>Operator-Name, RFC 5580 §4.1.</summary>
    private const byte OperatorNameType = 126;

    private readonly NodeCommandBus _bus;
    private readonly CommandIdGenerator _ids;
    private readonly INodeActionRecorder _recorder;
    private readonly LiveMqttOptions _options;
    private readonly ILogger<PrivatePskDriver> _logger;

    public PrivatePskDriver(NodeCommandBus bus, CommandIdGenerator ids, INodeActionRecorder recorder, LiveMqttOptions options, ILogger<PrivatePskDriver> logger)
    {
        _bus = bus;
        _ids = ids;
        _recorder = recorder;
        _options = options;
        _logger = logger;
    }

    public string Type => TypeName;

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not PrivatePskNasSettings settings)
        {
            return DriverResult.Nak(ErrorCause.OtherProxyProcessingError, $"NAS {nas.Name} has no {TypeName} settings");
        }

        if (!request.IsDisconnect)
        {
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute, "hostapd private PSK can only disconnect; nothing in a CoA can be applied");
        }

        string? operatorName = OperatorNameOf(request.Packet) ?? request.Keys.OperatorName;
        if (OperatorNameTarget.Parse(operatorName) is not { } target)
        {
            return DriverResult.Nak(ErrorCause.MissingAttribute, "private PSK needs the session's Operator-Name (m_hosta_… / a_hosta_…)");
        }

        if (request.Keys.CallingStationId is not { } callingStationId || !MacAddress.TryParse(callingStationId, out MacAddress parsedMac))
        {
            return DriverResult.Nak(ErrorCause.MissingAttribute, "private PSK needs the client MAC (Calling-Station-Id)");
        }

        string mode = target.OnMesh ? "node" : "ap";
        // Upper case with dashes, as RADIUSdesk stores callingstationid; only hex and dashes reach the node's shell.
        string command = HostapdDisconnectCommand.For(parsedMac.ToString(), target.EntryId);
        if (await BuildCommandAsync(settings, target, command, cancellationToken) is not { } nodeCommand)
        {
            PrivatePskLog.UnknownDevice(_logger, nas.Name, target.ToString(), mode, target.DeviceId);
            return DriverResult.Nak(ErrorCause.RequestNotRoutable, $"{mode} {target.DeviceId} of Operator-Name {target} is not part of NAS {nas.Name}");
        }

        TimeSpan replyTimeout = _options.Current.ReplyTimeout; // read once: a reload applies to later requests
        NodeCommandOutcome outcome = await _bus.SendToAnyAsync([nodeCommand], replyTimeout, cancellationToken).ConfigureAwait(false);
        if (outcome is { Status: NodeCommandStatus.Acknowledged, Reply: { } reply })
        {
            await MarkAsync(reply, cancellationToken).ConfigureAwait(false);
            PrivatePskLog.Acknowledged(_logger, nas.Name, mode, reply.Key.DeviceId, reply.Key.CmdId, reply.Status, command);
            return DriverResult.Ack($"{mode} {reply.Key.DeviceId} {reply.Status} cmd_id {reply.Key.CmdId}");
        }

        if (outcome.Status == NodeCommandStatus.TimedOut)
        {
            PrivatePskLog.NotAcknowledged(_logger, nas.Name, mode, target.DeviceId, command, replyTimeout);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, $"{mode} {target.DeviceId} did not acknowledge within {replyTimeout.TotalSeconds:0.###} s");
        }

        PrivatePskLog.BrokerUnavailable(_logger, nas.Name, command);
        return DriverResult.Nak(ErrorCause.ResourcesUnavailable,
            outcome.Status == NodeCommandStatus.Overloaded ? "too many MQTT commands in flight" : "MQTT broker unavailable");
    }

    /// <summary>The request's own Operator-Name (RFC 5580 §4.1), read from the authenticated packet.</summary>
    private static string? OperatorNameOf(ReadOnlyMemory<byte> packet)
    {
        if (RadiusPacketReader.TryParse(packet.Span, out RadiusPacketReader reader) != PacketParseError.None)
        {
            return null;
        }

        foreach (RadiusAttributeView attribute in reader)
        {
            if (attribute.Type == OperatorNameType)
            {
                return Encoding.UTF8.GetString(attribute.Value);
            }
        }

        return null;
    }

    private async ValueTask<NodeCommand?> BuildCommandAsync(PrivatePskNasSettings settings, OperatorNameTarget target, string command,
        CancellationToken cancellationToken)
    {
        if (target.OnMesh)
        {
            MeshNode? node = settings.Nodes.FirstOrDefault(n => n.NodeId == target.DeviceId);
            return node is null ? null : new NodeCommand(NodeMode.Mesh, node.NodeId, DeviceMac(node.Mac), node.MeshId,
                await NextCmdIdAsync(NodeMode.Mesh, node.NodeId, command, cancellationToken), command);
        }

        AccessPoint? ap = settings.AccessPoints.FirstOrDefault(a => a.ApId == target.DeviceId);
        return ap is null ? null : new NodeCommand(NodeMode.Ap, ap.ApId, DeviceMac(ap.Mac), null,
            await NextCmdIdAsync(NodeMode.Ap, ap.ApId, command, cancellationToken), command);
    }

    /// <summary>The recorder's row id, or our own id when not recording or when recording fails (the command still goes out).</summary>
    private async ValueTask<long> NextCmdIdAsync(NodeMode mode, long deviceId, string command, CancellationToken cancellationToken)
    {
        try
        {
            return await _recorder.RecordAsync(mode, deviceId, command, cancellationToken).ConfigureAwait(false) ?? _ids.Next();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PrivatePskLog.RecordingFailed(_logger, ex.GetType().Name);
            return _ids.Next();
        }
    }

    private async ValueTask MarkAsync(NodeReply reply, CancellationToken cancellationToken)
    {
        string status = reply.Status == NodeReply.Replied ? NodeReply.Replied : NodeReply.Fetched;
        try
        {
            await _recorder.MarkAsync(reply.Key.Mode, reply.Key.CmdId, status, reply.Reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The node has the command: a bookkeeping failure must not turn the ACK into a NAK.
            PrivatePskLog.RecordingFailed(_logger, ex.GetType().Name);
        }
    }

    private static string DeviceMac(string configured) =>
        MacAddress.TryParse(configured, out MacAddress mac) ? mac.ToString() : configured.ToUpperInvariant();
}
