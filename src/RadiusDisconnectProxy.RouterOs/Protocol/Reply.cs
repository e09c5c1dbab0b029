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
            else if (IsAttribute(word))
            {
                SplitAttribute(word, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value);
                attributes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                attributes[Encoding.UTF8.GetString(name)] = Encoding.UTF8.GetString(value);
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

    /// <summary>
    /// What a command's reply needs before anything is decoded: the type and the numeric <c>.tag</c> (0 when there is none
    /// or it is not one of ours: a positive decimal number without leading zeros). Checks every word as
    /// <see cref="Decode"/> does and throws the same way; allocates nothing.
    /// </summary>
    public static ReplyType ReadHeader(SentenceReader reader, out int tag)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ReplyType type = ParseType(reader.GetWord(0));
        tag = 0;
        for (int i = 1; i < reader.WordCount; i++)
        {
            ReadOnlySpan<byte> word = reader.GetWord(i);
            if (word.StartsWith(".tag="u8))
            {
                ReadOnlySpan<byte> digits = word[5..];
                tag = digits.Length is > 0 and <= 10 && digits[0] != (byte)'0'
                    && System.Buffers.Text.Utf8Parser.TryParse(digits, out int value, out int consumed) && consumed == digits.Length && value > 0
                    ? value
                    : 0;
            }
            else if (!IsAttribute(word) && type != ReplyType.Fatal && (word.Length == 0 || word[0] != (byte)'.'))
            {
                throw new InvalidDataException("A reply word is neither an attribute nor an API attribute.");
            }
        }

        return type;
    }

    /// <summary>The value of the <c>=name=value</c> word for <paramref name="name"/> (the last one), or null.</summary>
    public static string? AttributeValue(SentenceReader reader, ReadOnlySpan<byte> name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? result = null;
        for (int i = 1; i < reader.WordCount; i++)
        {
            ReadOnlySpan<byte> word = reader.GetWord(i);
            if (IsAttribute(word))
            {
                SplitAttribute(word, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value);
                if (key.SequenceEqual(name))
                {
                    result = Encoding.UTF8.GetString(value);
                }
            }
        }

        return result;
    }

    /// <summary>The <c>=name=value</c> words of the sentence as a dictionary; a shared empty one when there are none.</summary>
    public static IReadOnlyDictionary<string, string> AttributesOf(SentenceReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Dictionary<string, string>? attributes = null;
        for (int i = 1; i < reader.WordCount; i++)
        {
            ReadOnlySpan<byte> word = reader.GetWord(i);
            if (IsAttribute(word))
            {
                SplitAttribute(word, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value);
                attributes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                attributes[Encoding.UTF8.GetString(name)] = Encoding.UTF8.GetString(value);
            }
        }

        return attributes ?? s_none;
    }

    /// <summary>An attribute word: <c>=name=value</c> (or <c>=name</c>, an empty value).</summary>
    internal static bool IsAttribute(ReadOnlySpan<byte> word) => word.Length > 1 && word[0] == (byte)'=';

    /// <summary>The name ends at the second '=' (values may contain '='; API manual, "Attribute word").</summary>
    internal static void SplitAttribute(ReadOnlySpan<byte> word, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        int separator = word[1..].IndexOf((byte)'=');
        name = separator < 0 ? word[1..] : word.Slice(1, separator);
        value = separator < 0 ? default : word[(separator + 2)..];
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
