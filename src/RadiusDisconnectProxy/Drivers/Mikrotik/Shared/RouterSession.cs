using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>One row of <c>/ip/hotspot/active</c>, <c>/ppp/active</c> or <c>/ip/dhcp-server/lease</c>, over either API.</summary>
public sealed record RouterSession(RouterSessionTable Table, string Id, string? User, string? Address, string? Mac, string? Uptime,
    string? Service, string? SessionId)
{
    /// <summary>
    /// The name of the dynamic simple queue RouterOS creates for a rate-limited session: <c>&lt;hotspot-USER&gt;</c>,
    /// <c>&lt;pppoe-USER&gt;</c> (<c>&lt;SERVICE-USER&gt;</c> for other PPP services), docs/mikrotik.md §3.
    /// </summary>
    public string QueueName => Table == RouterSessionTable.Hotspot ? $"<hotspot-{User}>" : $"<{Service ?? "pppoe"}-{User}>";

    public static RouterSession FromRow(RouterSessionTable table, Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return table switch
        {
            RouterSessionTable.Hotspot => new RouterSession(table, row.Id ?? "", row["user"], row["address"], row["mac-address"], row["uptime"],
                "hotspot " + row["server"], null),
            RouterSessionTable.Ppp => new RouterSession(table, row.Id ?? "", row["name"], row["address"], row["caller-id"], row["uptime"],
                row["service"], row["session-id"]),
            _ => new RouterSession(table, row.Id ?? "", row["host-name"], row["address"], row["mac-address"], null, "dhcp " + row["server"], null),
        };
    }
}
