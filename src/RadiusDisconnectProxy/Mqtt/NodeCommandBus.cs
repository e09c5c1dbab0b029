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
        var registered = new RegisteredCommands(commands.Count);
        // The reply timeout: one shared timer (no timer and linked token source per request); the caller's token
        // (request deadline, shutdown) ends the wait too.
        ReplyDeadlines.Add(waiter);
        using CancellationTokenRegistration onCancel = cancellationToken.UnsafeRegister(
            static state => ((ReplyWaiter)state!).TryComplete(new ReplyWaitResult(ReplyWaitStatus.TimedOut, null)), waiter);
        CancellationToken deadline = waiter.Cancellation;
        try
        {
            // Register before publishing: a fast node may answer before PublishAsync returns.
            for (int i = 0; i < commands.Count; i++)
            {
                if (_pending.TryAdd(commands[i].ReplyKey, waiter))
                {
                    registered.Add(i);
                }
            }

            if (registered.None)
            {
                _logger.PendingTableFull(_pending.Count);
                return new NodeCommandOutcome(NodeCommandStatus.Overloaded, null);
            }

            // Published here rather than in a method of its own: one state machine per request, not one more per command.
            int published = 0;
            for (int i = 0; i < commands.Count; i++)
            {
                if (!registered.Contains(i))
                {
                    continue;
                }

                NodeCommand command = commands[i];
                var buffer = new PooledBufferWriter();
                NodeCommandJson.Write(command, buffer);
                string topic = MqttTopics.Command(command.Mode, command.DeviceId);
                if (await _transport.PublishAsync(topic, buffer.WrittenMemory, deadline).ConfigureAwait(false))
                {
                    // The broker acknowledged (or the embedded broker copied) the payload: nothing reads the buffer any more.
                    buffer.Return();
                    _logger.CommandPublished(topic, command.CmdId);
                    published++;
                }
                else
                {
                    // Left to the GC: a failed or cancelled publish may still reference the buffer.
                    _logger.CommandNotPublished(topic, command.CmdId);
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
            for (int i = 0; i < commands.Count; i++)
            {
                if (registered.Contains(i))
                {
                    _pending.Remove(commands[i].ReplyKey);
                }
            }

            waiter.Retire();
        }
    }

    /// <summary>Which of a request's commands made it into the pending table: a bit mask, a flag array past 64 commands.</summary>
    private struct RegisteredCommands(int count)
    {
        private readonly bool[]? _many = count > 64 ? new bool[count] : null;
        private ulong _mask;

        public readonly bool None => _many is null ? _mask == 0 : !_many.Contains(true);

        public void Add(int index)
        {
            if (_many is null)
            {
                _mask |= 1UL << index;
            }
            else
            {
                _many[index] = true;
            }
        }

        public readonly bool Contains(int index) => _many is null ? (_mask & (1UL << index)) != 0 : _many[index];
    }
}
