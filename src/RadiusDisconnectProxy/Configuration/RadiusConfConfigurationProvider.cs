using Microsoft.Extensions.Configuration;
using RadiusDisconnectProxy.Configuration.Syntax;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// Exposes radius.conf as configuration keys (<c>client:local:ipaddr</c>; a repeated key as <c>…:ipaddr:0</c>,
/// <c>…:ipaddr:1</c>) so that later sources (RDP__ environment variables, command-line switches) override it,
/// and remembers the line of every key so that validation errors still name file:line.
/// </summary>
public sealed class RadiusConfConfigurationProvider : ConfigurationProvider
{
    private readonly RadiusConfConfigurationSource _source;
    private Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);
    private List<string> _blocks = [];

    public RadiusConfConfigurationProvider(RadiusConfConfigurationSource source)
    {
        _source = source;
    }

    public string File => _source.Path;

    /// <exception cref="ConfigurationException">The file cannot be read or is not valid radius.conf syntax.</exception>
    public override void Load()
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(_source.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(_source.Path, 0, $"cannot read the configuration file: {e.Message}");
        }

        ConfDocument document = ConfParser.Parse(text, _source.Path);
        Data = document.Values;
        _lines = document.Lines;
        _blocks = document.Blocks;
    }

    /// <summary>
    /// The names of the blocks declared directly below <paramref name="parentPath"/> (null = top level), including
    /// empty ones such as <c>mqtt { }</c>, which have no keys and so are invisible to IConfiguration.
    /// </summary>
    public IEnumerable<string> GetDeclaredBlocks(string? parentPath) =>
        _blocks.Where(b => string.Equals(ConfigurationPath.GetParentPath(b), parentPath, StringComparison.OrdinalIgnoreCase))
            .Select(b => ConfigurationPath.GetSectionKey(b)!);

    /// <summary>Whether the file declares <paramref name="path"/> itself (a key or a block, possibly empty).</summary>
    public bool Declares(string path) => _lines.ContainsKey(path);

    /// <summary>The line a key or block path came from; for a key not in the file, the line of its nearest enclosing block.</summary>
    public int GetLine(string path)
    {
        string? current = path;
        while (current is not null)
        {
            if (_lines.TryGetValue(current, out int line))
            {
                return line;
            }

            current = ConfigurationPath.GetParentPath(current);
        }

        return 0;
    }
}
