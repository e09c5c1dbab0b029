using System.Text;

namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>One decoded router sentence: its type, its <c>.tag</c>, its <c>=key=value</c> attributes.</summary>
public sealed class Reply
{
    private static readonly Dictionary<string, string> s_none = [];

    private Reply(ReplyType type, string? tag, Dictionary<string, string>? attributes, string? fatalReason)
    {
        Type = type;
        Tag = tag;
        Attributes = attributes ?? s_none;
        FatalReason = fatalReason;
    }

    public ReplyType Type { get; }

    public string? Tag { get; }

    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The plain reason word of a <c>!fatal</c> (e.g. "session terminated on request").</summary>
    public string? FatalReason { get; }

    public string? this[string key] => Attributes.TryGetValue(key, out string? value) ? value : null;

    /// <summary>
    /// Decodes the sentence the reader holds. Throws <see cref="InvalidDataException"/> for an unknown reply word or a
    /// word that is neither an attribute nor an API attribute (only <c>!fatal</c> carries a plain word).
    /// </summary>
    public static Reply Decode(SentenceReader reader)
    {
        ReplyType type = ParseType(reader.GetWord(0));
        string? tag = null;
        string? fatalReason = null;
        Dictionary<string, string>? attributes = null;
        for (int i = 1; i < reader.WordCount; i++)
        {
            ReadOnlySpan<byte> word = reader.GetWord(i);
            if (word.StartsWith(".tag="u8))
            {
                tag = Encoding.UTF8.GetString(word[5..]);
            }
            else if (word.Length > 1 && word[0] == (byte)'=')
            {
                int separator = word[1..].IndexOf((byte)'=');
                string key = separator < 0 ? Encoding.UTF8.GetString(word[1..]) : Encoding.UTF8.GetString(word.Slice(1, separator));
                string value = separator < 0 ? "" : Encoding.UTF8.GetString(word[(separator + 2)..]);
                attributes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                attributes[key] = value;
            }
            else if (type == ReplyType.Fatal)
            {
                fatalReason = Encoding.UTF8.GetString(word);
            }
            else if (word.Length > 0 && word[0] == (byte)'.')
            {
                // Other API attributes (e.g. .section=N progress words) carry nothing a caller needs.
            }
            else
            {
                throw new InvalidDataException("A reply word is neither an attribute nor an API attribute.");
            }
        }

        return new Reply(type, tag, attributes, fatalReason);
    }

    private static ReplyType ParseType(ReadOnlySpan<byte> word)
    {
        if (word.SequenceEqual("!re"u8))
        {
            return ReplyType.Re;
        }

        if (word.SequenceEqual("!done"u8))
        {
            return ReplyType.Done;
        }

        if (word.SequenceEqual("!trap"u8))
        {
            return ReplyType.Trap;
        }

        if (word.SequenceEqual("!fatal"u8))
        {
            return ReplyType.Fatal;
        }

        if (word.SequenceEqual("!empty"u8))
        {
            return ReplyType.Empty;
        }

        throw new InvalidDataException("Unknown reply word.");
    }
}
