using Microsoft.Extensions.Configuration;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>See <see cref="EnvironmentOverridesSource"/>.</summary>
public sealed class EnvironmentOverridesProvider : ConfigurationProvider
{
    private readonly EnvironmentOverridesSource _source;
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public EnvironmentOverridesProvider(EnvironmentOverridesSource source)
    {
        _source = source;
    }

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _names.Clear();
        foreach ((string name, string value) in _source.ReadVariables())
        {
            if (name.Length <= _source.Prefix.Length || !name.StartsWith(_source.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string key = name[_source.Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            data[key] = value;
            _names[key] = name;
        }

        Data = data;
    }

    /// <summary>
    /// Variable names are conventionally upper case, but configuration keys compare case-insensitively: a key the file
    /// already has keeps the file's spelling (<c>RDP__CLIENT__LOCAL__SECRET</c> overrides client <c>local</c>; it does
    /// not rename it <c>LOCAL</c>), whichever order the keys are merged in.
    /// </summary>
    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        string[] earlier = [.. earlierKeys];
        var spelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in earlier)
        {
            spelling.TryAdd(key, key);
        }

        return base.GetChildKeys(earlier, parentPath).Select(key => spelling.GetValueOrDefault(key, key)).ToList();
    }

    /// <summary>The variable that set <paramref name="key"/> or, for a list, its first item.</summary>
    public string GetVariableName(string key)
    {
        if (_names.TryGetValue(key, out string? name))
        {
            return name;
        }

        string prefix = key + ConfigurationPath.KeyDelimiter;
        foreach ((string k, string n) in _names)
        {
            if (k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return n;
            }
        }

        return _source.Prefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant();
    }
}
