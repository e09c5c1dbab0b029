namespace RadiusDisconnectProxy.Forwarder;

/// <summary>What the timer scan does with one request in flight.</summary>
internal enum RetransmissionStep
{
    Wait,
    Retransmit,
    GiveUp,
}
