namespace RadiusDisconnectProxy.Pipeline;

/// <summary>Why a datagram was silently discarded (DESIGN.md §6, first row). Each is counted and logged at Debug.</summary>
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
