namespace RadiusDisconnectProxy.Configuration.Syntax;

/// <summary>
/// A parsed radius.conf, flattened to Microsoft.Extensions.Configuration keys: <c>client:local:secret</c>; a key given
/// once is <c>section:key</c>, a repeated key is the list <c>section:key:0</c>, <c>section:key:1</c>, …
/// <see cref="Lines"/> maps every key and every block path (<c>nas:mesh12</c>) to the line it came from.
/// </summary>
internal sealed class ConfDocument
{
    public ConfDocument(string file)
    {
        File = file;
    }

    /// <summary>The file as the operator named it, for messages.</summary>
    public string File { get; }

    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> Lines { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every block path, in file order, including the intermediate <c>nas:mesh12:node</c> of a named block.</summary>
    public List<string> Blocks { get; } = [];
}
