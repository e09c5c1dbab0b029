namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>Outcome of checking a packet's Message-Authenticator (RFC 3579 §3.2, RFC 5176 §3.4).</summary>
public enum MessageAuthenticatorStatus
{
    /// <summary>The packet carries no Message-Authenticator.</summary>
    Absent,

    /// <summary>Present and correct.</summary>
    Valid,

    /// <summary>Present and wrong: the packet must be silently discarded.</summary>
    Invalid,
}
