namespace RadiusDisconnectProxy.Metrics;

/// <summary>Why a datagram was silently discarded (RFC 5176 §2.3, RFC 2865 §3; docs/operations.md). Each is counted and logged at Debug.</summary>
internal enum DropReason
{
    UnknownClient,
    UnknownCode,
    Malformed,
    BadRequestAuthenticator,
    BadMessageAuthenticator,
    MissingMessageAuthenticator,
    EventTimestampOutsideWindow,
    MissingEventTimestamp,
    DuplicateInProgress,

    /// <summary>An authentic request whose answer could not be built or fit 4096 octets; its retransmissions too.</summary>
    Unanswerable,
}
