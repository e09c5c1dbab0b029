namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed partial class RouterOsSimulator
{
    /// <summary>
    /// A logged-in hotspot user; with <paramref name="maxLimit"/> also its dynamic simple queue <c>&lt;hotspot-USER&gt;</c>
    /// (as RouterOS creates for a rate-limited session). Returns the active row's id.
    /// </summary>
    public string AddHotspotSession(string user, string macAddress, string address, string? maxLimit = "1000000/2000000",
        string server = "hotspot1", string loginBy = "http-chap")
    {
        string id = HotspotActive.Add(new Dictionary<string, string>
        {
            ["server"] = server, ["user"] = user, ["address"] = address, ["mac-address"] = macAddress,
            ["login-by"] = loginBy, ["uptime"] = "12m4s", ["idle-time"] = "0s", ["radius"] = "true", ["blocked"] = "false",
        });
        if (maxLimit is not null)
        {
            AddDynamicQueue("<hotspot-" + user + ">", address + "/32", maxLimit);
        }

        return id;
    }

    /// <summary>An active PPP session (service pppoe by default) and, with a rate, its dynamic queue <c>&lt;pppoe-NAME&gt;</c>.</summary>
    public string AddPppSession(string name, string callerId, string address, string sessionId, string? maxLimit = "1000000/2000000",
        string service = "pppoe")
    {
        string id = PppActive.Add(new Dictionary<string, string>
        {
            ["name"] = name, ["service"] = service, ["caller-id"] = callerId, ["address"] = address,
            ["uptime"] = "1h2m3s", ["encoding"] = "", ["session-id"] = sessionId, ["radius"] = "true",
        });
        if (maxLimit is not null)
        {
            AddDynamicQueue("<" + service + "-" + name + ">", "<" + service + "-" + name + ">", maxLimit);
        }

        return id;
    }

    /// <summary>A hotspot cookie of a user (the device logs back in with it unless deleted).</summary>
    public string AddHotspotCookie(string user, string macAddress)
        => HotspotCookies.Add(new Dictionary<string, string> { ["user"] = user, ["mac-address"] = macAddress, ["expires-in"] = "2d23h" });

    /// <summary>The simple queue of that name, or null.</summary>
    public IReadOnlyDictionary<string, string>? FindQueue(string name)
        => SimpleQueues.Where(q => q.GetValueOrDefault("name") == name).FirstOrDefault();

    private void AddDynamicQueue(string name, string target, string maxLimit)
        => SimpleQueues.Add(new Dictionary<string, string>
        {
            ["name"] = name, ["target"] = target, ["max-limit"] = maxLimit, ["dynamic"] = "true", ["disabled"] = "false",
        });

    /// <summary>A removed session takes its dynamic queue with it, as on RouterOS.</summary>
    internal void OnRemoved(SimulatedTable table, IReadOnlyDictionary<string, string> row)
    {
        string? queue = table == HotspotActive ? "<hotspot-" + row.GetValueOrDefault("user") + ">"
            : table == PppActive ? "<" + row.GetValueOrDefault("service") + "-" + row.GetValueOrDefault("name") + ">"
            : null;
        if (queue is not null)
        {
            SimpleQueues.RemoveDynamicNamed(queue);
        }
    }
}
