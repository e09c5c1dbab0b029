using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Makes MQTT cmd_ids when actions are not recorded in the database (docs/meshdesk.md §3): positive integers below 2^53
/// (exact in JavaScript/Lua doubles), unique across restarts and across several proxies on one broker.
/// The top 21 bits are an instance id drawn at random per process start (never 0, so generated ids are all
/// at least 2^32 and never collide with the small <c>node_actions.id</c> values); the low 32 bits count up.
/// </summary>
public sealed class CommandIdGenerator
{
    private const int CounterBits = 32;
    private const int InstanceBits = 21;
    private const long CounterMask = (1L << CounterBits) - 1;

    private readonly long _instanceBase;
    private long _counter;

    public CommandIdGenerator()
        : this(RandomNumberGenerator.GetInt32(1, 1 << InstanceBits))
    {
    }

    internal CommandIdGenerator(int instanceId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instanceId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(instanceId, 1 << InstanceBits);
        InstanceId = instanceId;
        _instanceBase = (long)instanceId << CounterBits;
    }

    /// <summary>True for ids this class makes (never a <c>node_actions</c>/<c>ap_actions</c> row id, which stay below 2^32).</summary>
    public static bool IsGenerated(long cmdId) => cmdId >= 1L << CounterBits;

    /// <summary>The random per-process instance id (also used in the MQTT client id).</summary>
    public int InstanceId { get; }

    /// <summary>The next id; wraps after 2^32 ids within one process, long after any reply for the first one is due.</summary>
    public long Next() => _instanceBase | (Interlocked.Increment(ref _counter) & CounterMask);
}
