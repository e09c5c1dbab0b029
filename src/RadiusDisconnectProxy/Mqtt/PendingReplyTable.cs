using System.Buffers;
using System.Collections.Concurrent;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The commands in flight, by (mode, device id, cmd_id). Bounded: when full, new commands are refused (the driver
/// answers NAK 506) instead of growing without limit. Entries are removed by the request that made them, on
/// completion or timeout. The MQTT transports feed it every message from <see cref="MqttTopics.CommandResponse"/>.
/// </summary>
public sealed class PendingReplyTable
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<NodeReplyKey, ReplyWaiter> _pending = new();
    private readonly int _capacity;
    private readonly IUnclaimedReplyHandler? _unclaimed;
    private int _count;

    public PendingReplyTable(int capacity = DefaultCapacity, IUnclaimedReplyHandler? unclaimed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _unclaimed = unclaimed;
    }

    public int Count => Volatile.Read(ref _count);

    internal bool TryAdd(NodeReplyKey key, ReplyWaiter waiter)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        if (!_pending.TryAdd(key, waiter))
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    internal void Remove(NodeReplyKey key)
    {
        if (_pending.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Handles one message from the response topic. Returns the reply when it matched a command in flight.</summary>
    public NodeReply? Dispatch(ReadOnlySequence<byte> payload)
    {
        if (!NodeCommandJson.TryParseReply(payload, out NodeReply? reply) || reply is null)
        {
            return null;
        }

        if (!NodeReply.IsAcknowledgement(reply.Status))
        {
            return null;
        }

        if (!_pending.TryGetValue(reply.Key, out ReplyWaiter? waiter))
        {
            _unclaimed?.OnUnclaimedReply(reply);
            return null;
        }

        // The request's driver records the reply that completes it; any later one (another gateway node) goes to the handler.
        if (!waiter.TryComplete(new ReplyWaitResult(ReplyWaitStatus.Acknowledged, reply)))
        {
            _unclaimed?.OnUnclaimedReply(reply);
        }

        return reply;
    }

    /// <summary>The broker connection is gone: every request in flight gives up now instead of at its deadline.</summary>
    public void FailAll()
    {
        foreach (KeyValuePair<NodeReplyKey, ReplyWaiter> entry in _pending)
        {
            entry.Value.TryComplete(new ReplyWaitResult(ReplyWaitStatus.ConnectionLost, null));
        }
    }
}
