using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>
/// <c>type = CoovaMeshdesk</c>: CoovaChilli on RADIUSdesk MESHdesk nodes and APdesk APs, reached over MQTT
/// (docs/meshdesk.md). A Disconnect becomes <c>chilli_query logout mac &lt;MAC&gt;</c>, a bandwidth CoA
/// <c>chilli_query update mac &lt;MAC&gt; maxbwup … maxbwdown …</c>, sent to every gateway node of the mesh
/// (<c>mcp_&lt;exit&gt;</c>) or to the AP (<c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c>). ACK means a node acknowledged the command;
/// CoovaChilli itself reports nothing about the session (docs/meshdesk.md).
/// </summary>
public sealed class CoovaMeshdeskDriver : INasDriver
{
    private readonly NodeCommandBus _bus;
    private readonly CommandIdGenerator _ids;
    private readonly INodeActionRecorder _recorder;
    private readonly LiveMqttOptions _options;
    private readonly ILogger<CoovaMeshdeskDriver> _logger;

    public CoovaMeshdeskDriver(NodeCommandBus bus, CommandIdGenerator ids, INodeActionRecorder recorder, LiveMqttOptions options, ILogger<CoovaMeshdeskDriver> logger)
    {
        _bus = bus;
        _ids = ids;
        _recorder = recorder;
        _options = options;
        _logger = logger;
    }

    public string Type => CoovaNasType.TypeName;

    /// <remarks>
    /// Not one async method: the checks, the command and the publish run synchronously, and only the wait for the node is
    /// a state machine (<see cref="AwaitNodeAsync"/>), a small one (docs/load-testing.md, "Slow-path allocation").
    /// </remarks>
    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not CoovaNasSettings settings)
        {
            return new(DriverResult.Nak(ErrorCause.RequestNotRoutable, $"NAS {nas.Name} has no {CoovaNasType.TypeName} settings"));
        }

        (ulong? up, ulong? down) = ChilliCommand.BandwidthBitsPerSecond(request);
        if (!request.IsDisconnect && up is null && down is null && request.SessionTimeout is null)
        {
            return new(DriverResult.Nak(ErrorCause.UnsupportedAttribute, "CoA carries nothing CoovaChilli can apply (bandwidth or Session-Timeout)"));
        }

        if (request.Keys.CallingStationId is not { } callingStationId || !MacAddress.TryParse(callingStationId, out MacAddress mac))
        {
            return new(DriverResult.Nak(ErrorCause.MissingAttribute, "CoovaChilli needs the client MAC (Calling-Station-Id)"));
        }

        Span<char> clientMac = stackalloc char[17];
        mac.TryFormat(clientMac, out _);
        string command = request.IsDisconnect
            ? ChilliCommand.Logout(clientMac)
            : ChilliCommand.Update(clientMac, up, down, request.SessionTimeout);
        ValueTask<List<NodeCommand>> building = BuildCommandsAsync(settings, command, cancellationToken);
        return building.IsCompletedSuccessfully
            ? Send(building.Result, nas, command, cancellationToken)
            : SendAfterRecordingAsync(building, nas, command, cancellationToken);
    }

    private async ValueTask<DriverResult> SendAfterRecordingAsync(ValueTask<List<NodeCommand>> building, NasTarget nas, string command,
        CancellationToken cancellationToken) =>
        await Send(await building.ConfigureAwait(false), nas, command, cancellationToken).ConfigureAwait(false);

    private ValueTask<DriverResult> Send(List<NodeCommand> commands, NasTarget nas, string command, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            _logger.NoTargets(nas.Name);
            return new(DriverResult.Nak(ErrorCause.RequestNotRoutable, $"NAS {nas.Name} has no gateway node or access point"));
        }

        ValueTask<NodeCommandOutcome> sending = _bus.SendToAnyAsync(commands, _options.Current.ReplyTimeout, cancellationToken);
        return sending.IsCompletedSuccessfully
            ? Finish(sending.Result, nas, command, commands.Count, cancellationToken)
            : AwaitNodeAsync(sending, nas, command, commands.Count, cancellationToken);
    }

    private async ValueTask<DriverResult> AwaitNodeAsync(ValueTask<NodeCommandOutcome> sending, NasTarget nas, string command, int commands,
        CancellationToken cancellationToken) =>
        await Finish(await sending.ConfigureAwait(false), nas, command, commands, cancellationToken).ConfigureAwait(false);

    private ValueTask<DriverResult> Finish(NodeCommandOutcome outcome, NasTarget nas, string command, int commands, CancellationToken cancellationToken)
    {
        if (outcome is { Status: NodeCommandStatus.Acknowledged, Reply: { } reply })
        {
            ValueTask marking = MarkAsync(reply, cancellationToken);
            return marking.IsCompletedSuccessfully
                ? new(Acknowledged(reply, nas, command))
                : AcknowledgedAfterMarkingAsync(marking, reply, nas, command);
        }

        if (outcome.Status == NodeCommandStatus.TimedOut)
        {
            _logger.NoNodeAcknowledged(nas.Name, command, _options.Current.ReplyTimeout, commands);
            return new(DriverResult.Nak(ErrorCause.ResourcesUnavailable, $"no node acknowledged within {_options.Current.ReplyTimeout.TotalSeconds:0.###} s"));
        }

        _logger.BrokerUnavailable(nas.Name, command);
        return new(DriverResult.Nak(ErrorCause.ResourcesUnavailable,
            outcome.Status == NodeCommandStatus.Overloaded ? "too many MQTT commands in flight" : "MQTT broker unavailable"));
    }

    private async ValueTask<DriverResult> AcknowledgedAfterMarkingAsync(ValueTask marking, NodeReply reply, NasTarget nas, string command)
    {
        await marking.ConfigureAwait(false);
        return Acknowledged(reply, nas, command);
    }

    private DriverResult Acknowledged(NodeReply reply, NasTarget nas, string command)
    {
        string mode = reply.Key.Mode == NodeMode.Mesh ? "node" : "ap";
        _logger.NodeAcknowledged(nas.Name, mode, reply.Key.DeviceId, reply.Key.CmdId, reply.Status, command);
        return DriverResult.Ack($"{mode} {reply.Key.DeviceId} {reply.Status} cmd_id {reply.Key.CmdId}");
    }

    private async ValueTask<List<NodeCommand>> BuildCommandsAsync(CoovaNasSettings settings, string command, CancellationToken cancellationToken)
    {
        var commands = new List<NodeCommand>(Math.Max(settings.Nodes.Count, 1));
        if (settings.AccessPoint is { } ap)
        {
            long cmdId = await NextCmdIdAsync(NodeMode.Ap, ap.ApId, command, cancellationToken).ConfigureAwait(false);
            commands.Add(new NodeCommand(NodeMode.Ap, ap.ApId, DeviceMac(ap.Mac), null, cmdId, command));
            return commands;
        }

        // Indexed, not foreach: the settings hold an IReadOnlyList, whose enumerator would be boxed per request.
        for (int i = 0; i < settings.Nodes.Count; i++)
        {
            MeshNode node = settings.Nodes[i];
            long cmdId = await NextCmdIdAsync(NodeMode.Mesh, node.NodeId, command, cancellationToken).ConfigureAwait(false);
            commands.Add(new NodeCommand(NodeMode.Mesh, node.NodeId, DeviceMac(node.Mac), node.MeshId, cmdId, command));
        }

        return commands;
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
            _logger.RecordingFailed(ex.GetType().Name);
            return _ids.Next();
        }
    }

    /// <summary>os_command and fetched mark the row <c>fetched</c>, replied marks it <c>replied</c> (as RADIUSdesk's gateway does).</summary>
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
            _logger.RecordingFailed(ex.GetType().Name);
        }
    }

    /// <summary>
    /// The node compares the message's <c>mac</c> with its own, upper case with dashes (docs/meshdesk.md). radius.conf and
    /// the database reader store it in that form already, so normally this returns the configured string itself.
    /// </summary>
    private static string DeviceMac(string configured) =>
        IsUpperCaseWithDashes(configured) ? configured
        : MacAddress.TryParse(configured, out MacAddress mac) ? mac.ToString() : configured.ToUpperInvariant();

    private static bool IsUpperCaseWithDashes(string mac)
    {
        if (mac.Length != 17)
        {
            return false;
        }

        for (int i = 0; i < mac.Length; i++)
        {
            char c = mac[i];
            if (i % 3 == 2 ? c != '-' : !char.IsAsciiHexDigitUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
