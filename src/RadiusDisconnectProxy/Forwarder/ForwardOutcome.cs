namespace RadiusDisconnectProxy.Forwarder;

/// <summary>How one forwarded exchange ended.</summary>
internal enum ForwardOutcome
{
    /// <summary>A valid ACK/NAK arrived; it is in the pending request's buffer.</summary>
    Answered,

    /// <summary>No valid answer after the last RFC 5080 retransmission (MRC or MRD reached): NAK 505.</summary>
    TimedOut,

    /// <summary>Sending failed or the NAS port is unreachable (ICMP): NAK 506.</summary>
    Unreachable,

    /// <summary>The caller's token was cancelled (shutdown) or the forwarder was disposed: NAK 506.</summary>
    Cancelled,
}
