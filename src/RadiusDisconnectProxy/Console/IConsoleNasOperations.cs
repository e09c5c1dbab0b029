using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// What the console asks of the NASes, whatever their type: which there are, a connection test ("Test connection", as
/// <c>nas test</c>) and the active sessions (as <c>sessions list</c>, or from radacct). Disconnects are not here: they
/// go through the request executor like any RADIUS request (<see cref="ConsoleDisconnects"/>).
/// </summary>
internal interface IConsoleNasOperations
{
    IReadOnlyList<ConsoleNas> Nases { get; }

    /// <summary>Connects to the NAS and reports what it answered; never throws for a failing NAS.</summary>
    Task<ConnectionTestResult> TestAsync(ConsoleNas nas, CancellationToken cancellationToken);

    /// <summary>The NAS's active sessions; never throws for a failing NAS or database.</summary>
    Task<SessionListResult> ListSessionsAsync(ConsoleNas nas, CancellationToken cancellationToken);
}

/// <param name="SessionSource">Where its sessions come from: "router", "radacct", or null (none can be listed).</param>
internal sealed record ConsoleNas(NasTarget Target, bool CanTest, string? SessionSource)
{
    public string Name => Target.Name;
}

internal sealed record ConnectionTestResult(bool Ok, IReadOnlyList<KeyValuePair<string, string>> Properties, string? Error, TimeSpan Elapsed);

/// <summary>One active session as the console shows it, with the keys a disconnect of it carries.</summary>
/// <param name="Id">Unique within the list: the router's item id (<c>*1A</c>) or the radacct row id.</param>
/// <param name="Kind">"hotspot", "ppp", "dhcp", "radacct", …</param>
internal sealed record ConsoleSession(string Id, string Kind, string? User, string? Address, string? Mac, string? Uptime,
    string? Service, string? SessionId, SessionKeys Keys);

internal sealed record SessionListResult(bool Ok, IReadOnlyList<ConsoleSession> Sessions, string? Error)
{
    public static SessionListResult Failed(string error) => new(false, [], error);
}
