using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>Records nothing (<c>record_actions = no</c> or no database): the driver makes its own cmd_ids.</summary>
public sealed class NullNodeActionRecorder : INodeActionRecorder
{
    public ValueTask<long?> RecordAsync(NodeMode mode, long deviceId, string command, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(null);

    public ValueTask MarkAsync(NodeMode mode, long cmdId, string status, string? reply, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
