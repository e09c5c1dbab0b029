namespace RadiusDisconnectProxy.Pipeline;

internal enum DuplicateStatus
{
    /// <summary>Not seen before (or a new Request Authenticator for the same key): process it.</summary>
    New,

    /// <summary>Seen and answered: send <see cref="DuplicateEntry.Answer"/> again (RFC 5080 §2.2.2).</summary>
    Retransmission,

    /// <summary>Seen and still being worked on: discard; the answer goes out when it is ready.</summary>
    InProgress,
}
