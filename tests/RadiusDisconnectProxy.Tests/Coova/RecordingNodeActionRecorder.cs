using RadiusDisconnectProxy.Mqtt;
using System.Collections.Concurrent;
using RadiusDisconnectProxy.Drivers.Coova;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>Stands in for the node_actions table: hands out row ids and remembers what was recorded and marked.</summary>
internal sealed class RecordingNodeActionRecorder : INodeActionRecorder
{
    private long _nextId = 5000;

    /// <summary>Simulates an unreachable database: every call throws.</summary>
    public bool Fail { get; init; }

    public ConcurrentQueue<(NodeMode Mode, long DeviceId, string Command, long Id)> Recorded { get; } = new();

    public ConcurrentQueue<(NodeMode Mode, long CmdId, string Status, string? Reply)> Marked { get; } = new();

    public ValueTask<long?> RecordAsync(NodeMode mode, long deviceId, string command, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Fail, this);
        long id = Interlocked.Increment(ref _nextId);
        Recorded.Enqueue((mode, deviceId, command, id));
        return ValueTask.FromResult<long?>(id);
    }

    public ValueTask MarkAsync(NodeMode mode, long cmdId, string status, string? reply, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Fail, this);
        Marked.Enqueue((mode, cmdId, status, reply));
        return ValueTask.CompletedTask;
    }
}
