namespace RadiusDisconnectProxy.Configuration.Syntax;

/// <summary>One <c>{ … }</c> block while it is being parsed: its pairs (a repeated key becomes a list) and child blocks.</summary>
internal sealed class ConfBlock
{
    private readonly Dictionary<string, List<(string Value, int Line)>> _pairs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, int> _blocks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _blockKinds = new(StringComparer.OrdinalIgnoreCase);

    public ConfBlock(string? kind, string? path, int openLine)
    {
        Kind = kind;
        Path = path;
        OpenLine = openLine;
    }

    /// <summary>The block's keyword (<c>nas</c>, <c>node</c>, …); null for the file itself.</summary>
    public string? Kind { get; }

    /// <summary>Configuration path (<c>nas:mesh12:node:146</c>); null for the file itself.</summary>
    public string? Path { get; }

    public int OpenLine { get; }

    public void AddPair(string key, string value, int line, ConfParser parser)
    {
        if (_blockKinds.TryGetValue(key, out int blockLine))
        {
            throw parser.Error(line, $"'{key}' is used both as a key and as a block (line {blockLine})");
        }

        if (!_pairs.TryGetValue(key, out var values))
        {
            values = [];
            _pairs.Add(key, values);
            _order.Add(key);
        }

        values.Add((value, line));
    }

    public void AddBlock(string kind, string path, int line, ConfParser parser)
    {
        if (_pairs.TryGetValue(kind, out var values))
        {
            throw parser.Error(line, $"'{kind}' is used both as a key (line {values[0].Line}) and as a block");
        }

        if (_blocks.TryGetValue(path, out int firstLine))
        {
            string what = path.Replace(':', ' ');
            throw parser.Error(line, $"duplicate '{what}' (first defined at line {firstLine})");
        }

        _blocks.Add(path, line);
        _blockKinds.TryAdd(kind, line);
    }

    public void Flush(ConfDocument document)
    {
        if (Path is not null)
        {
            document.Lines[Path] = OpenLine;
            document.Blocks.Add(Path);
        }

        // The kind of a named block (nas:mesh12:node) is a path too: errors about it point at its first block.
        foreach ((string kind, int line) in _blockKinds)
        {
            string kindPath = Path is null ? kind : $"{Path}:{kind}";
            if (!_blocks.ContainsKey(kindPath))
            {
                document.Lines.TryAdd(kindPath, line);
                document.Blocks.Add(kindPath);
            }
        }

        foreach (string key in _order)
        {
            var values = _pairs[key];
            string basePath = Path is null ? key : $"{Path}:{key}";
            document.Lines[basePath] = values[0].Line;
            if (values.Count == 1)
            {
                document.Values[basePath] = values[0].Value;
                continue;
            }

            for (int i = 0; i < values.Count; i++)
            {
                string itemPath = $"{basePath}:{i}";
                document.Values[itemPath] = values[i].Value;
                document.Lines[itemPath] = values[i].Line;
            }
        }
    }
}
