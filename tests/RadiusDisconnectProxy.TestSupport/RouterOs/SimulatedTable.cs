using System.Globalization;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>
/// One RouterOS menu of the simulator (e.g. /ip/hotspot/active): rows with opaque <c>*HEX</c> ids, in insertion order.
/// Rows are found by id and by equality on the key columns the proxy queries (<see cref="s_indexed"/>) without a scan,
/// so a hundred routers with a thousand sessions each stay cheap per request. Thread-safe.
/// </summary>
public sealed partial class SimulatedTable
{
    /// <summary>Columns the session and queue lookups compare by equality; other queries scan.</summary>
    private static readonly string[] s_indexed = ["user", "mac-address", "address", "caller-id", "name", "session-id"];

    private readonly Lock _lock = new();
    private readonly LinkedList<SimulatedRow> _rows = new();
    private readonly Dictionary<string, SimulatedRow> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<SimulatedRow>>> _indexes = new(StringComparer.Ordinal);
    private int _nextId;
    private long _sequence;

    public SimulatedTable(string path, int firstId)
    {
        Path = path;
        _nextId = firstId;
        foreach (string column in s_indexed)
        {
            _indexes[column] = new Dictionary<string, List<SimulatedRow>>(StringComparer.Ordinal);
        }
    }

    public string Path { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>Adds a row (its <c>.id</c> is assigned) and returns the id.</summary>
    public string Add(IReadOnlyDictionary<string, string> properties)
    {
        lock (_lock)
        {
            string id = "*" + (_nextId++).ToString("X", CultureInfo.InvariantCulture);
            var values = new Dictionary<string, string>(properties, StringComparer.Ordinal) { [".id"] = id };
            var row = new SimulatedRow(id, _sequence++, values);
            row.Node = _rows.AddLast(row);
            _byId[id] = row;
            foreach (KeyValuePair<string, string> value in values)
            {
                IndexAdd(row, value.Key, value.Value);
            }

            return id;
        }
    }

    /// <summary>Copies of the rows, for assertions.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Snapshot()
    {
        lock (_lock)
        {
            var copies = new List<IReadOnlyDictionary<string, string>>(_rows.Count);
            foreach (SimulatedRow row in _rows)
            {
                copies.Add(new Dictionary<string, string>(row.Values, StringComparer.Ordinal));
            }

            return copies;
        }
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Where(Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_lock)
        {
            var copies = new List<IReadOnlyDictionary<string, string>>();
            foreach (SimulatedRow row in _rows)
            {
                if (predicate(row.Values))
                {
                    copies.Add(new Dictionary<string, string>(row.Values, StringComparer.Ordinal));
                }
            }

            return copies;
        }
    }

    /// <summary>Removes the row; returns it, or null when there is no such id.</summary>
    public IReadOnlyDictionary<string, string>? Remove(string id)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out SimulatedRow? row))
            {
                return null;
            }

            Unlink(row);
            return row.Values;
        }
    }

    /// <summary>Removes every row the predicate selects.</summary>
    public int RemoveWhere(Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_lock)
        {
            int removed = 0;
            for (LinkedListNode<SimulatedRow>? node = _rows.First; node is not null;)
            {
                LinkedListNode<SimulatedRow>? next = node.Next;
                if (predicate(node.Value.Values))
                {
                    Unlink(node.Value);
                    removed++;
                }

                node = next;
            }

            return removed;
        }
    }

    /// <summary>Sets properties of a row; false when there is no such id.</summary>
    public bool Update(string id, IReadOnlyDictionary<string, string> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out SimulatedRow? row))
            {
                return false;
            }

            foreach (KeyValuePair<string, string> change in changes)
            {
                if (row.Values.TryGetValue(change.Key, out string? old))
                {
                    IndexRemove(row, change.Key, old);
                }

                row.Values[change.Key] = change.Value;
                IndexAdd(row, change.Key, change.Value);
            }

            return true;
        }
    }

    public IReadOnlyDictionary<string, string>? Find(string id)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out SimulatedRow? row) ? new Dictionary<string, string>(row.Values, StringComparer.Ordinal) : null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rows.Clear();
            _byId.Clear();
            foreach (Dictionary<string, List<SimulatedRow>> index in _indexes.Values)
            {
                index.Clear();
            }
        }
    }

    private void Unlink(SimulatedRow row)
    {
        _rows.Remove(row.Node!);
        _byId.Remove(row.Id);
        foreach (KeyValuePair<string, string> value in row.Values)
        {
            IndexRemove(row, value.Key, value.Value);
        }
    }

    private void IndexAdd(SimulatedRow row, string column, string value)
    {
        if (!_indexes.TryGetValue(column, out Dictionary<string, List<SimulatedRow>>? index))
        {
            return;
        }

        if (!index.TryGetValue(value, out List<SimulatedRow>? rows))
        {
            rows = new List<SimulatedRow>(1);
            index[value] = rows;
        }

        rows.Add(row);
    }

    private void IndexRemove(SimulatedRow row, string column, string value)
    {
        if (_indexes.TryGetValue(column, out Dictionary<string, List<SimulatedRow>>? index)
            && index.TryGetValue(value, out List<SimulatedRow>? rows))
        {
            rows.Remove(row);
            if (rows.Count == 0)
            {
                index.Remove(value);
            }
        }
    }
}
