using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// A FreeRADIUS-format dictionary file: <see cref="RadiusDictionary.LoadFile"/> may refuse it only with
/// <see cref="DictionaryParseException"/> (file:line and reason, exit 78 at start-up). <c>$INCLUDE</c> lines are kept
/// inside a private directory, which holds a second fuzzed file so includes (and include loops) are exercised too.
/// </summary>
internal sealed class DictionaryTarget : IFuzzTarget, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rdp-fuzz-dict-").FullName;

    public string Name => "dictionary";

    public void Run(ReadOnlySpan<byte> data)
    {
        string root = Path.Combine(_directory, "dictionary");
        string text = System.Text.Encoding.UTF8.GetString(data);
        // Keep includes inside the private directory: absolute paths and ".." would read the machine's files.
        text = text.Replace("$INCLUDE /", "$INCLUDE ", StringComparison.Ordinal).Replace("..", ".", StringComparison.Ordinal);
        File.WriteAllText(root, text);
        File.WriteAllText(Path.Combine(_directory, "dictionary.sub"), text);
        try
        {
            RadiusDictionary dictionary = RadiusDictionary.LoadFile(root);
            _ = dictionary.VendorCount;
        }
        catch (DictionaryParseException)
        {
            // Documented refusal.
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
