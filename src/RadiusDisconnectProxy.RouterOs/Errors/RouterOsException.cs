namespace RadiusDisconnectProxy.RouterOs.Errors;

/// <summary>
/// Any failure talking to a router. Messages name the router and the failure, never a password.
/// <see cref="IsTransient"/>: retrying later (on a new connection) may succeed.
/// </summary>
public class RouterOsException : Exception
{
    public RouterOsException()
        : this(RouterOsErrorCause.ConnectionLost, "RouterOS API failure.")
    {
    }

    public RouterOsException(string message)
        : this(RouterOsErrorCause.ConnectionLost, message)
    {
    }

    public RouterOsException(string message, Exception innerException)
        : this(RouterOsErrorCause.ConnectionLost, message, innerException)
    {
    }

    public RouterOsException(RouterOsErrorCause cause, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Cause = cause;
    }

    public RouterOsErrorCause Cause { get; }

    /// <summary>
    /// A reused connection was lost before the router answered this command at all and not in the middle of a reply:
    /// it had died while idle. The pool retries such a command once on a new connection (callers of
    /// <see cref="RouterOsClient.SendTogetherAsync"/> do that themselves).
    /// </summary>
    public bool SilentLoss { get; internal init; }

    public bool IsTransient => Cause is RouterOsErrorCause.ConnectFailed or RouterOsErrorCause.Backoff
        or RouterOsErrorCause.Timeout or RouterOsErrorCause.ConnectionLost or RouterOsErrorCause.Fatal;
}
