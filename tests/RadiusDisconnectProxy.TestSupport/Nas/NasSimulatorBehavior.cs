using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>How the NAS simulator answers; may be swapped at any time (read once per request).</summary>
public sealed record NasSimulatorBehavior
{
    public static NasSimulatorBehavior Ack { get; } = new();

    /// <summary>Null: ACK. Otherwise NAK carrying this Error-Cause.</summary>
    public ErrorCause? NakErrorCause { get; init; }

    /// <summary>Answer after this delay (off the receive loop).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Silently drop the first N authentic transmissions (recorded, not answered).</summary>
    public int DropFirst { get; init; }

    /// <summary>Record everything, answer nothing.</summary>
    public bool NeverAnswer { get; init; }

    /// <summary>Put a Message-Authenticator (first attribute) into answers.</summary>
    public bool SendMessageAuthenticator { get; init; } = true;

    /// <summary>
    /// Compute the answer's Message-Authenticator over 16 zero octets instead of the request authenticator, as
    /// FreeRADIUS 3.2.0–3.2.3 did (reference A.5); the Response Authenticator stays correct.
    /// </summary>
    public bool ZeroedMessageAuthenticatorBug { get; init; }

    /// <summary>Sign answers with this secret instead of the real one (a NAS with the wrong secret).</summary>
    public string? AnswerSecret { get; init; }

    /// <summary>
    /// Attribute types copied from the request into the answer (after Error-Cause, before the Proxy-States), e.g.
    /// State (24, allowed in CoA-ACK/NAK): lets a test tell which answer belongs to which request.
    /// </summary>
    public IReadOnlyList<byte> EchoTypes { get; init; } = [];

    /// <summary>Record received packets (off for load tests).</summary>
    public bool Record { get; init; } = true;
}
