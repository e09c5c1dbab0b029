namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Receives every acknowledging node reply that did not complete a request waiting in this instance: the second gateway
/// node's reply after the first one already answered, and replies to commands another instance (perhaps a dead one) sent.
/// Called on the MQTT receive path: implementations must return at once (queue, never block or do I/O inline).
/// </summary>
public interface IUnclaimedReplyHandler
{
    void OnUnclaimedReply(NodeReply reply);
}
