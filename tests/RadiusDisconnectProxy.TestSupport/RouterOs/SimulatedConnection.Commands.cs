namespace RadiusDisconnectProxy.TestSupport.RouterOs;

internal sealed partial class SimulatedConnection
{
    private static readonly string[] s_noSuchItem = ["!trap", "=message=no such item"];
    private static readonly string[] s_done = ["!done"];
    private static readonly string[] s_empty = ["!empty"];

    /// <summary>The reply sentences (without tags) of one command after login.</summary>
    private List<string[]> Dispatch(string path, List<string> words, Dictionary<string, string> attributes)
    {
        if (path == "/system/resource/print")
        {
            return [["!re", "=uptime=1w2d3h4m5s", "=version=7.19.4 (stable)", "=build-time=2025-07-22 10:00:00",
                "=free-memory=201326592", "=total-memory=268435456", "=cpu=ARMv7", "=cpu-count=4", "=cpu-load=3",
                "=free-hdd-space=8388608", "=total-hdd-space=16777216", "=architecture-name=arm", "=board-name=hAP ac^2",
                "=platform=MikroTik"], ["!done"]];
        }

        if (path == "/system/identity/print")
        {
            return [["!re", "=name=" + _router.Options.Identity], ["!done"]];
        }

        int slash = path.LastIndexOf('/');
        string menu = path[..slash];
        string verb = path[(slash + 1)..];
        SimulatedTable? table = _router.FindTable(menu);
        if (table is null)
        {
            return [["!trap", "=category=0", "=message=no such command prefix"], ["!done"]];
        }

        return verb switch
        {
            "print" or "getall" => Print(table, words, attributes),
            "remove" => Remove(table, path, attributes),
            "set" => Set(table, attributes),
            _ => [["!trap", "=category=0", "=message=no such command"], ["!done"]],
        };
    }

    private List<string[]> Print(SimulatedTable table, List<string> words, Dictionary<string, string> attributes)
    {
        CompiledQuery query = CompiledQuery.Parse(words, 1);
        string[]? proplist = attributes.TryGetValue(".proplist", out string? list) ? list.Split(',') : null;
        var replies = new List<string[]>();
        table.Print(query, proplist, replies);
        if (replies.Count == 0 && _router.Options.EmptyReplies)
        {
            replies.Add(s_empty);
        }

        replies.Add(s_done);
        return replies;
    }

    private List<string[]> Remove(SimulatedTable table, string path, Dictionary<string, string> attributes)
    {
        if (_router.Faults.RefusedRemove(path) is { } refusal)
        {
            return [["!trap", "=message=" + refusal], ["!done"]];
        }

        string ids = attributes.GetValueOrDefault(".id") ?? attributes.GetValueOrDefault("numbers") ?? "";
        foreach (string id in ids.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            IReadOnlyDictionary<string, string>? removed = table.Remove(id);
            if (removed is null)
            {
                return [s_noSuchItem, s_done];
            }

            _router.OnRemoved(table, removed);
        }

        return [s_done];
    }

    private List<string[]> Set(SimulatedTable table, Dictionary<string, string> attributes)
    {
        string id = attributes.GetValueOrDefault(".id") ?? attributes.GetValueOrDefault("numbers") ?? "";
        IReadOnlyDictionary<string, string>? row = table.Find(id);
        if (row is null)
        {
            return [s_noSuchItem, s_done];
        }

        if (_router.Faults.RefuseDynamicQueueSet && row.GetValueOrDefault("dynamic") == "true")
        {
            return [["!trap", "=message=failure: can not change dynamic"], ["!done"]];
        }

        var changes = attributes.Where(a => a.Key is not ".id" and not "numbers" && !a.Key.StartsWith('.'))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        table.Update(id, changes);
        return [s_done];
    }
}
