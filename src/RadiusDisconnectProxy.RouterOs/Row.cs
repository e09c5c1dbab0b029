using System.Text;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs;

/// <summary>One <c>!re</c> row: property name → value as the router printed it.</summary>
public sealed class Row
{
    /// <summary>
    /// Property names the session, queue and cookie prints ask for (<c>.proplist</c>), kept as one string each instead of
    /// a new string per row.
    /// </summary>
    private static readonly string[] s_knownNames =
        [".id", "user", "name", "address", "mac-address", "caller-id", "uptime", "server", "service", "session-id", "max-limit", "dynamic",
         "host-name", "comment", "disabled"];

    private static readonly byte[][] s_knownNameBytes = [.. s_knownNames.Select(Encoding.UTF8.GetBytes)];

    private readonly string[]? _names;
    private readonly string[]? _values;
    private readonly int _count;
    private IReadOnlyDictionary<string, string>? _properties;

    public Row(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = properties;
    }

    private Row(string[] names, string[] values, int count)
    {
        _names = names;
        _values = values;
        _count = count;
    }

    public IReadOnlyDictionary<string, string> Properties => _properties ??= ToDictionary();

    /// <summary>The item id (<c>.id</c>, e.g. "*1A"); opaque, never parsed.</summary>
    public string? Id => this[".id"];

    public string? this[string name]
    {
        get
        {
            if (_properties is not null)
            {
                return _properties.TryGetValue(name, out string? value) ? value : null;
            }

            // A repeated property: the last one counts, as in the dictionary form.
            for (int i = _count - 1; i >= 0; i--)
            {
                if (string.Equals(_names![i], name, StringComparison.Ordinal))
                {
                    return _values![i];
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The row the reader holds (an <c>!re</c> sentence already checked by <see cref="Reply.ReadHeader"/>): its
    /// <c>=name=value</c> words as two arrays, with no dictionary until <see cref="Properties"/> is asked for.
    /// </summary>
    internal static Row FromSentence(SentenceReader reader)
    {
        int count = 0;
        for (int i = 1; i < reader.WordCount; i++)
        {
            count += Reply.IsAttribute(reader.GetWord(i)) ? 1 : 0;
        }

        string[] names = count == 0 ? [] : new string[count];
        string[] values = count == 0 ? [] : new string[count];
        int n = 0;
        for (int i = 1; i < reader.WordCount; i++)
        {
            ReadOnlySpan<byte> word = reader.GetWord(i);
            if (Reply.IsAttribute(word))
            {
                Reply.SplitAttribute(word, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value);
                names[n] = Name(name);
                values[n] = value.IsEmpty ? "" : Encoding.UTF8.GetString(value);
                n++;
            }
        }

        return new Row(names, values, count);
    }

    private static string Name(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < s_knownNameBytes.Length; i++)
        {
            if (name.SequenceEqual(s_knownNameBytes[i]))
            {
                return s_knownNames[i];
            }
        }

        return Encoding.UTF8.GetString(name);
    }

    private Dictionary<string, string> ToDictionary()
    {
        var properties = new Dictionary<string, string>(_count, StringComparer.Ordinal);
        for (int i = 0; i < _count; i++)
        {
            properties[_names![i]] = _values![i];
        }

        return properties;
    }
}
