using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Sends commands to nodes and waits for the first acknowledgement (docs/meshdesk.md §3, §4). Several commands sent together
/// (one per gateway node of a mesh) succeed as soon as any one node acknowledges its own cmd_id.
/// </summary>
public sealed class NodeCommandBus
{
    private readonly IMqttCommandTransport _transport;
    private readonly PendingReplyTable _pending;
    private readonly ILogger<NodeCommandBus> _logger;

    public NodeCommandBus(IMqttCommandTransport transport, PendingReplyTable pending, ILogger<NodeCommandBus> logger)
    {
        _transport = transport;
        _pending = pending;
        _logger = logger;
    }

    /// <summary>
    /// Publishes every command and returns when one is acknowledged, <paramref name="timeout"/> passes, or the broker is
    /// found unreachable (at once, without waiting for the timeout). Never throws for broker or node failures.
    /// </summary>
    public async ValueTask<NodeCommandOutcome> SendToAnyAsync(IReadOnlyList<NodeCommand> commands, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (commands.Count == 0 || !_transport.IsConnected)
        {
            return new NodeCommandOutcome(NodeCommandStatus.BrokerUnavailable, null);
        }

        var waiter = new ReplyWaiter(Environment.TickCount64 + (long)timeout.TotalMilliseconds);
        var registered = new List<NodeReplyKey>(commands.Count);
        // The reply timeout: one shared timer (no timer and linked token source per request); the caller's token
        // (request deadline, shutdown) ends the wait too.
        ReplyDeadlines.Add(waiter);
        using CancellationTokenRegistration onCancel = cancellationToken.UnsafeRegister(
            static state => ((ReplyWaiter)state!).TryComplete(new ReplyWaitResult(ReplyWaitStatus.TimedOut, null)), waiter);
        CancellationToken deadline = waiter.Cancellation;
        try
        {
            // Register before publishing: a fast node may answer before PublishAsync returns.
            foreach (NodeCommand command in commands)
            {
                if (_pending.TryAdd(command.ReplyKey, waiter))
                {
                    registered.Add(command.ReplyKey);
                }
            }

            if (registered.Count == 0)
            {
                _logger.PendingTableFull(_pending.Count);
                return new NodeCommandOutcome(NodeCommandStatus.Overloaded, null);
            }

            int published = 0;
            foreach (NodeCommand command in commands)
            {
                if (registered.Contains(command.ReplyKey) && await PublishAsync(command, deadline).ConfigureAwait(false))
                {
                    published++;
                }
            }

            if (published == 0 && !waiter.Task.IsCompleted)
            {
                return new NodeCommandOutcome(NodeCommandStatus.BrokerUnavailable, null);
            }

            ReplyWaitResult result = await waiter.Task.ConfigureAwait(false);
            return result.Status switch
            {
                ReplyWaitStatus.Acknowledged => new NodeCommandOutcome(NodeCommandStatus.Acknowledged, result.Reply),
                ReplyWaitStatus.ConnectionLost => new NodeCommandOutcome(NodeCommandStatus.BrokerUnavailable, null),
                _ => new NodeCommandOutcome(NodeCommandStatus.TimedOut, null),
            };
        }
        finally
        {
            ReplyDeadlines.Remove(waiter);
            foreach (NodeReplyKey key in registered)
            {
                _pending.Remove(key);
            }
        }
    }

    private async ValueTask<bool> PublishAsync(NodeCommand command, CancellationToken cancellationToken)
    {
        var buffer = new PooledBufferWriter();
        NodeCommandJson.Write(command, buffer);
        string topic = MqttTopics.Command(command.Mode, command.DeviceId);
        bool ok = await _transport.PublishAsync(topic, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            // The broker acknowledged (or the embedded broker copied) the payload: nothing reads the buffer any more.
            buffer.Return();
            _logger.CommandPublished(topic, command.CmdId);
        }
        else
        {
            // Left to the GC: a failed or cancelled publish may still reference the buffer.
            _logger.CommandNotPublished(topic, command.CmdId);
        }

        return ok;
    }
}
