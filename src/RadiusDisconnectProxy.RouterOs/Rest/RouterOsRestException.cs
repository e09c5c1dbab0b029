using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Rest;

/// <summary>
/// The router answered a REST request with an error status and, normally, its error body
/// <c>{"error":&lt;status&gt;,"message":"&lt;reason&gt;","detail":"&lt;RouterOS text&gt;"}</c> (REST API manual, "Errors").
/// 401 is <see cref="RouterOsErrorCause.AuthenticationFailed"/>; every other status is a refusal of the command
/// (<see cref="RouterOsErrorCause.Trap"/>), as a <c>!trap</c> is on the binary API.
/// </summary>
public sealed class RouterOsRestException : RouterOsException
{
    public RouterOsRestException()
        : this(0, "", null)
    {
    }

    public RouterOsRestException(string message)
        : this(0, message, null)
    {
    }

    public RouterOsRestException(string message, Exception innerException)
        : base(RouterOsErrorCause.Trap, message, innerException)
    {
        RouterMessage = message;
    }

    public RouterOsRestException(int status, string routerMessage, string? detail)
        : base(status == 401 ? RouterOsErrorCause.AuthenticationFailed : RouterOsErrorCause.Trap, Describe(status, routerMessage, detail))
    {
        Status = status;
        RouterMessage = routerMessage;
        Detail = detail;
    }

    /// <summary>The HTTP status (also the body's <c>error</c>).</summary>
    public int Status { get; }

    /// <summary>The body's <c>message</c> (the reason phrase, e.g. "Bad Request").</summary>
    public string RouterMessage { get; }

    /// <summary>The body's <c>detail</c>: RouterOS's own text, e.g. "no such item" or "failure: can not change dynamic".</summary>
    public string? Detail { get; }

    /// <summary>The item was gone already: 404, or a 400 whose detail says "no such item".</summary>
    public bool IsNoSuchItem => Status == 404 || (Detail?.Contains("no such item", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Describe(int status, string message, string? detail)
        => status == 401
            ? "RouterOS REST refused the credentials (401)"
            : $"RouterOS REST answered {status} {message}" + (string.IsNullOrEmpty(detail) ? "" : ": " + detail);
}
