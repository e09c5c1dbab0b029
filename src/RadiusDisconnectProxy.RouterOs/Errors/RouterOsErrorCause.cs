namespace RadiusDisconnectProxy.RouterOs.Errors;

/// <summary>Failure families of the RouterOS client.</summary>
public enum RouterOsErrorCause
{
    /// <summary>TCP connect failed or timed out (router down, port closed, address filtered).</summary>
    ConnectFailed,
    /// <summary>Connection attempts are suspended (backoff after consecutive failures).</summary>
    Backoff,
    /// <summary>TLS handshake or certificate validation / pinning failed.</summary>
    TlsFailed,
    /// <summary>The router refused the credentials.</summary>
    AuthenticationFailed,
    /// <summary>No answer within the command deadline.</summary>
    Timeout,
    /// <summary>The socket closed or failed while a command was running.</summary>
    ConnectionLost,
    /// <summary>The router sent <c>!fatal</c> and closed the connection.</summary>
    Fatal,
    /// <summary>The router sent something the API protocol does not allow.</summary>
    ProtocolViolation,
    /// <summary>The command failed with <c>!trap</c>; the connection stays usable.</summary>
    Trap,
    /// <summary>The client was disposed.</summary>
    Disposed,
}
