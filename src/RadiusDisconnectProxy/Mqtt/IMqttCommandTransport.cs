namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Publishes node commands: the proxy's MQTT client on an external broker, or the embedded broker itself. Replies
/// go from the transport into the <see cref="PendingReplyTable"/>.
/// </summary>
public interface IMqttCommandTransport
{
    /// <summary>True when a publish can succeed now (connected and subscribed to the response topic).</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Publishes at QoS 1, not retained. Returns false at once when not connected, and false when the broker does not
    /// acknowledge in time; never throws for a broker failure. <paramref name="payload"/> must not be used after the
    /// returned task completes with true (a transport that queues it copies it).
    /// </summary>
    ValueTask<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
