namespace RadiusDisconnectProxy.Pipeline;

/// <summary>What <see cref="AnswerBuilder"/> left out so that an answer fits 4096 octets (RFC 2865 §3).</summary>
[Flags]
internal enum AnswerTrim
{
    None = 0,

    /// <summary>The forwarding NAS's own attributes; our Error-Cause (if it fits) stands in for them.</summary>
    RelayedAttributes = 1,

    ErrorCause = 2,

    MessageAuthenticator = 4,
}
