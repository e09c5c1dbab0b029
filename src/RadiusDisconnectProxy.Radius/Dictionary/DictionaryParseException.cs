namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>A dictionary file could not be read; <see cref="File"/> and <see cref="Line"/> say where.</summary>
public sealed class DictionaryParseException : Exception
{
    public DictionaryParseException()
        : this(string.Empty, 0, "dictionary error")
    {
    }

    public DictionaryParseException(string message)
        : this(string.Empty, 0, message)
    {
    }

    public DictionaryParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    public DictionaryParseException(string file, int line, string message)
        : base($"{file}:{line}: {message}")
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }
}
