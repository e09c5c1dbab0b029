using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs;

/// <summary>
/// A RouterOS API command: the command word (<c>/ppp/active/print</c>), attribute words, <c>.proplist</c> and, for
/// print, query words (order matters: API manual "Queries"). The connection adds the <c>.tag</c>.
/// </summary>
public sealed class Command
{
    private readonly List<Word> _words = [];

    public Command(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/')
        {
            throw new ArgumentException("A command word starts with '/'.", nameof(path));
        }

        Path = path;
    }

    public string Path { get; }

    public IReadOnlyList<Word> Words => _words;

    /// <summary><c>=name=value</c>.</summary>
    public Command Attribute(string name, string value)
    {
        _words.Add(new Word("=", name, value));
        return this;
    }

    /// <summary><c>=.proplist=a,b,c</c>: only these properties are returned.</summary>
    public Command Proplist(params string[] properties) => Attribute(".proplist", string.Join(',', properties));

    /// <summary><c>?name=value</c>: the row's property equals the value.</summary>
    public Command WhereEquals(string name, string value)
    {
        _words.Add(new Word("?", name, value));
        return this;
    }

    /// <summary><c>?name</c>: the row has the property.</summary>
    public Command WhereHas(string name)
    {
        _words.Add(new Word("?", name, null));
        return this;
    }

    /// <summary><c>?-name</c>: the row lacks the property.</summary>
    public Command WhereLacks(string name)
    {
        _words.Add(new Word("?-", name, null));
        return this;
    }

    /// <summary><c>?#ops</c>: query stack operations, e.g. "|" (OR of the last two), "!" (negate).</summary>
    public Command QueryOperations(string operations)
    {
        _words.Add(new Word("?#", operations, null));
        return this;
    }

    /// <summary>Encodes the command and its <c>.tag</c> as one sentence.</summary>
    public void WriteTo(SentenceWriter writer, string? tag)
    {
        writer.AppendWord(Path);
        foreach (Word word in _words)
        {
            word.WriteTo(writer);
        }

        if (!string.IsNullOrEmpty(tag))
        {
            writer.AppendWord(".tag=", tag);
        }

        writer.EndSentence();
    }

    /// <summary>Encodes the command with a numeric <c>.tag</c> (0: none) without a string for the tag.</summary>
    public void WriteTo(SentenceWriter writer, int tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        writer.AppendWord(Path);
        foreach (Word word in _words)
        {
            word.WriteTo(writer);
        }

        if (tag != 0)
        {
            Span<char> digits = stackalloc char[10];
            tag.TryFormat(digits, out int length, default, System.Globalization.CultureInfo.InvariantCulture);
            writer.AppendWord(".tag=", digits[..length]);
        }

        writer.EndSentence();
    }

    /// <summary>For logs and test assertions. Never log a <c>/login</c> command: it carries the password.</summary>
    public override string ToString() => Path + (_words.Count == 0 ? "" : " " + string.Join(' ', _words));
}
