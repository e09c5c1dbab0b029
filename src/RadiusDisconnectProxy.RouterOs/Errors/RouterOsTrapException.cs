namespace RadiusDisconnectProxy.RouterOs.Errors;

/// <summary>A command answered with <c>!trap</c> (API manual): the router's <c>=message=</c> and <c>=category=</c>.</summary>
public sealed class RouterOsTrapException : RouterOsException
{
    public RouterOsTrapException()
        : this("", (int?)null)
    {
    }

    public RouterOsTrapException(string message)
        : this(message, (int?)null)
    {
    }

    public RouterOsTrapException(string message, Exception innerException)
        : base(RouterOsErrorCause.Trap, message, innerException)
    {
        RouterMessage = message;
    }

    public RouterOsTrapException(string routerMessage, int? category)
        : base(RouterOsErrorCause.Trap, "RouterOS refused the command: " + routerMessage)
    {
        RouterMessage = routerMessage;
        Category = category;
    }

    /// <summary>The router's text, e.g. "no such item (4)"; RouterOS 7 appends codes, so match by substring.</summary>
    public string RouterMessage { get; }

    /// <summary>0 missing item or command, 1 argument value, 2 interrupted, 3 scripting, 4 general, 5 API, 6 TTY, 7 :return.</summary>
    public int? Category { get; }

    /// <summary>The item was already gone ("no such item").</summary>
    public bool IsNoSuchItem => RouterMessage.Contains("no such item", StringComparison.OrdinalIgnoreCase);
}
