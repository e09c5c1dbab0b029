namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>
/// A QoS 1 publish waiting for its PUBACK (OASIS MQTT 3.1.1 §4.3.2): true when it arrives, false when the connection
/// closes or the caller's token ends the wait. It owns the token registration and drops it when it completes, so a
/// publish costs this one object and its task, not also a continuation, a boxed registration and a boxed state tuple
/// (docs/load-testing.md, "Slow-path allocation").
/// </summary>
internal sealed class PublishWait : TaskCompletionSource<bool>
{
    // Locks on itself (no lock object to allocate per publish); nothing else locks on a PublishWait.
    private CancellationTokenRegistration _registration;

    public PublishWait(MqttConnection connection)
    {
        Connection = connection;
    }

    public MqttConnection Connection { get; }

    public ushort PacketId { get; set; }

    /// <summary>Ends the wait when <paramref name="cancellationToken"/> is cancelled first.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        lock (this)
        {
            _registration = cancellationToken.UnsafeRegister(static state =>
            {
                var wait = (PublishWait)state!;
                if (wait.Connection.TryTakePublish(wait.PacketId, wait))
                {
                    wait.Complete(false);
                }
            }, this);
        }

        if (Task.IsCompleted)
        {
            DropRegistration();
        }
    }

    /// <summary>Completes the wait (once) and lets go of the token.</summary>
    public void Complete(bool acknowledged)
    {
        if (TrySetResult(acknowledged))
        {
            DropRegistration();
        }
    }

    private void DropRegistration()
    {
        lock (this)
        {
            // Unregister, not Dispose: this may run inside the token's own callback.
            _registration.Unregister();
            _registration = default;
        }
    }
}
