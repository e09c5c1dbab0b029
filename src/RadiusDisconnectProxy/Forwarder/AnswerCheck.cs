namespace RadiusDisconnectProxy.Forwarder;

/// <summary>The verdict on one datagram from a NAS (anything but Valid is discarded and counted).</summary>
internal enum AnswerCheck
{
    Valid,
    Malformed,
    UnexpectedCode,
    BadAuthenticator,
    BadMessageAuthenticator,
}
