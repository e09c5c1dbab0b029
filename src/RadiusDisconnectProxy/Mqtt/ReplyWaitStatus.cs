namespace RadiusDisconnectProxy.Mqtt;

internal enum ReplyWaitStatus
{
    Acknowledged,
    TimedOut,
    ConnectionLost,
}
