namespace RadiusDisconnectProxy.Mqtt;

/// <summary><c>mqtt { mode = off }</c>: nothing can be published, so CoovaMeshdesk requests get NAK 506 at once.</summary>
internal sealed class DisabledMqttTransport : IMqttCommandTransport
{
    public bool IsConnected => false;

    public ValueTask<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
