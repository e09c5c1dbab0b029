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

            // Every command is written before any PUBACK is awaited (a write is synchronous; the PUBACK comes on the reader
            // thread), so each gateway gets its command at once; awaited here rather than in a method per command: one state
            // machine per request.
            int count = Publish(commands, registered, deadline, out PublishSlot single, out PublishSlot[]? several);
            int published = 0;
            for (int slot = 0; slot < count; slot++)
            {
                bool acknowledged = await (several is null ? single : several[slot]).Acknowledged.ConfigureAwait(false);
                PublishSlot publish = several is null ? single : several[slot];
                NodeCommand command = commands[publish.Index];
                if (acknowledged)
                {
                    // The broker acknowledged (or the embedded broker copied) the payload: nothing reads the buffer any more.
                    publish.Buffer.Return();
                    _logger.CommandPublished(MqttTopics.Command(command.Mode, command.DeviceId), command.CmdId);
                    published++;
                }
                else
                {
                    // Left to the GC: a failed or cancelled publish may still reference the buffer.
                    _logger.CommandNotPublished(MqttTopics.Command(command.Mode, command.DeviceId), command.CmdId);
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

    /// <summary>Writes every registered command; returns how many (the first in <paramref name="single"/>, all in <paramref name="several"/> when more).</summary>
    private int Publish(IReadOnlyList<NodeCommand> commands, in RegisteredCommands registered, CancellationToken deadline,
        out PublishSlot single, out PublishSlot[]? several)
    {
        int count = registered.Count;
        single = default;
        several = count > 1 ? new PublishSlot[count] : null;
        for (int i = 0, slot = 0; i < commands.Count; i++)
        {
            if (!registered.Contains(i))
            {
                continue;
            }

            NodeCommand command = commands[i];
            var buffer = new PooledBufferWriter();
            NodeCommandJson.Write(command, buffer);
            string topic = MqttTopics.Command(command.Mode, command.DeviceId);
            var publish = new PublishSlot(_transport.PublishAsync(topic, buffer.WrittenMemory, deadline), buffer, i);
            if (several is null)
            {
                single = publish;
            }
            else
            {
                several[slot++] = publish;
            }
        }

        return count;
    }

    /// <summary>One written command (index into the request's commands) waiting for its PUBACK.</summary>
    private readonly record struct PublishSlot(ValueTask<bool> Acknowledged, PooledBufferWriter Buffer, int Index);

    /// <summary>Which of a request's commands made it into the pending table: a bit mask, a flag array past 64 commands.</summary>
    private struct RegisteredCommands(int count)
    {
        private readonly bool[]? _many = count > 64 ? new bool[count] : null;
        private ulong _mask;

        public int Count { get; private set; }

        public readonly bool None => Count == 0;

        public void Add(int index)
        {
            Count++;
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
