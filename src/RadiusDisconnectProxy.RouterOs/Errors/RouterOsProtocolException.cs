namespace RadiusDisconnectProxy.RouterOs.Errors;

/// <summary>The router broke the wire protocol (control byte, unknown reply word, malformed word); the connection is dropped.</summary>
public sealed class RouterOsProtocolException : RouterOsException
{
    public RouterOsProtocolException()
        : this("RouterOS API protocol violation.")
    {
    }

    public RouterOsProtocolException(string message)
        : base(RouterOsErrorCause.ProtocolViolation, message)
    {
    }

    public RouterOsProtocolException(string message, Exception innerException)
        : base(RouterOsErrorCause.ProtocolViolation, message, innerException)
    {
    }
}
