using System.Globalization;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>One RouterOS menu of the simulator (e.g. /ip/hotspot/active): rows with opaque <c>*HEX</c> ids. Thread-safe.</summary>
public sealed class SimulatedTable
{
    private readonly Lock _lock = new();
    private readonly List<Dictionary<string, string>> _rows = [];
    private int _nextId;

    public SimulatedTable(string path, int firstId)
    {
        Path = path;
        _nextId = firstId;
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
            var row = new Dictionary<string, string>(properties, StringComparer.Ordinal) { [".id"] = id };
            _rows.Add(row);
            return id;
        }
    }

    /// <summary>Copies of the rows, for assertions.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Snapshot()
    {
        lock (_lock)
        {
            return _rows.Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(r, StringComparer.Ordinal)).ToList();
        }
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Where(Func<IReadOnlyDictionary<string, string>, bool> predicate)
        => Snapshot().Where(predicate).ToList();

    /// <summary>Removes the row; returns it, or null when there is no such id.</summary>
    public IReadOnlyDictionary<string, string>? Remove(string id)
    {
        lock (_lock)
        {
            int index = _rows.FindIndex(r => r[".id"] == id);
            if (index < 0)
            {
                return null;
            }

            Dictionary<string, string> row = _rows[index];
            _rows.RemoveAt(index);
            return row;
        }
    }

    /// <summary>Removes every row the predicate selects.</summary>
    public int RemoveWhere(Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        lock (_lock)
        {
            return _rows.RemoveAll(r => predicate(r));
        }
    }

    /// <summary>Sets properties of a row; false when there is no such id.</summary>
    public bool Update(string id, IReadOnlyDictionary<string, string> changes)
    {
        lock (_lock)
        {
            Dictionary<string, string>? row = _rows.Find(r => r[".id"] == id);
            if (row is null)
            {
                return false;
            }

            foreach (KeyValuePair<string, string> change in changes)
            {
                row[change.Key] = change.Value;
            }

            return true;
        }
    }

    public IReadOnlyDictionary<string, string>? Find(string id)
    {
        lock (_lock)
        {
            Dictionary<string, string>? row = _rows.Find(r => r[".id"] == id);
            return row is null ? null : new Dictionary<string, string>(row, StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rows.Clear();
        }
    }
}
