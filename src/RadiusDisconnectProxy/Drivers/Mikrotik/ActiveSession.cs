using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>One row of <c>/ip/hotspot/active</c> or <c>/ppp/active</c>.</summary>
public sealed record ActiveSession(SessionTable Table, string Id, string? User, string? Address, string? Mac, string? Uptime,
    string? Service, string? SessionId)
{
    /// <summary>The properties printed for either table (unknown names are simply absent from a row).</summary>
    internal static readonly string[] Proplist =
        [".id", "user", "name", "address", "mac-address", "caller-id", "uptime", "server", "service", "session-id"];

    /// <summary>
    /// The name of the dynamic simple queue RouterOS creates for a rate-limited session: <c>&lt;hotspot-USER&gt;</c>,
    /// <c>&lt;pppoe-USER&gt;</c> (<c>&lt;SERVICE-USER&gt;</c> for other PPP services), docs/mikrotik.md §3.
    /// </summary>
    public string QueueName => Table == SessionTable.Hotspot ? $"<hotspot-{User}>" : $"<{Service ?? "pppoe"}-{User}>";

    internal static ActiveSession FromRow(SessionTable table, Row row) => table == SessionTable.Hotspot
        ? new ActiveSession(table, row.Id ?? "", row["user"], row["address"], row["mac-address"], row["uptime"], "hotspot " + row["server"], null)
        : new ActiveSession(table, row.Id ?? "", row["name"], row["address"], row["caller-id"], row["uptime"], row["service"], row["session-id"]);
}
