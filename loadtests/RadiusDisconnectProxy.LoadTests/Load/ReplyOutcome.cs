namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>How one received datagram was judged.</summary>
internal enum ReplyOutcome
{
    Ack,
    Nak,

    /// <summary>Malformed, wrong code, wrong Identifier, bad Response Authenticator or Message-Authenticator.</summary>
    Invalid,
}
