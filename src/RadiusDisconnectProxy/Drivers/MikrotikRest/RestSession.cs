using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>One row of <c>/ip/hotspot/active</c>, <c>/ppp/active</c> or <c>/ip/dhcp-server/lease</c> as REST prints it.</summary>
public sealed record RestSession(RestSessionTable Table, string Id, string? User, string? Address, string? Mac, string? Uptime,
    string? Service, string? SessionId)
{
    /// <summary>The properties printed for every table (names a table lacks are simply absent from its rows).</summary>
    internal static readonly string[] Proplist =
        [".id", "user", "name", "address", "mac-address", "caller-id", "uptime", "server", "service", "session-id", "host-name"];

    public string Path => PathOf(Table);

    /// <summary>
    /// The dynamic simple queue RouterOS creates for a rate-limited session: <c>&lt;hotspot-USER&gt;</c>,
    /// <c>&lt;pppoe-USER&gt;</c> (<c>&lt;SERVICE-USER&gt;</c> for other PPP services), docs/mikrotik.md.
    /// </summary>
    public string QueueName => Table == RestSessionTable.Hotspot ? $"<hotspot-{User}>" : $"<{Service ?? "pppoe"}-{User}>";

    public static string PathOf(RestSessionTable table) => table switch
    {
        RestSessionTable.Hotspot => "ip/hotspot/active",
        RestSessionTable.Ppp => "ppp/active",
        _ => "ip/dhcp-server/lease",
    };

    internal static RestSession FromRow(RestSessionTable table, Row row) => table switch
    {
        RestSessionTable.Hotspot => new RestSession(table, row.Id ?? "", row["user"], row["address"], row["mac-address"], row["uptime"],
            "hotspot " + row["server"], null),
        RestSessionTable.Ppp => new RestSession(table, row.Id ?? "", row["name"], row["address"], row["caller-id"], row["uptime"],
            row["service"], row["session-id"]),
        _ => new RestSession(table, row.Id ?? "", row["host-name"], row["address"], row["mac-address"], null, "dhcp " + row["server"], null),
    };
}
