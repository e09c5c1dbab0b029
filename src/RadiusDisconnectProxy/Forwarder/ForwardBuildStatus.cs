namespace RadiusDisconnectProxy.Forwarder;

/// <summary>Why a request could not be turned into a forwarded one.</summary>
internal enum ForwardBuildStatus
{
    Ok,
    Malformed,
    TooLong,
    BadEncryptedAttribute,
}
