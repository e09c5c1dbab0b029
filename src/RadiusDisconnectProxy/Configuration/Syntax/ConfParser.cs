using System.Text;

namespace RadiusDisconnectProxy.Configuration.Syntax;

/// <summary>
/// Reads the radius.conf grammar (docs/configuration.md §1): <c>section [name] { … }</c> blocks, <c>name = value</c> pairs
/// separated by whitespace, newlines, <c>,</c> or <c>;</c>, <c>#</c> comments, double-quoted values with <c>\"</c>
/// and <c>\\</c> escapes. Every error names file:line.
/// </summary>
internal sealed class ConfParser
{
    private readonly string _text;
    private readonly ConfDocument _document;
    private int _pos;
    private int _line = 1;

    private ConfParser(string text, string file)
    {
        _text = text;
        _document = new ConfDocument(file);
    }

    public static ConfDocument Parse(string text, string file)
    {
        var parser = new ConfParser(text, file);
        parser.ParseBlock(new ConfBlock(null, null, 0));
        return parser._document;
    }

    private void ParseBlock(ConfBlock block)
    {
        while (true)
        {
            SkipSeparators(allowPairSeparators: true);
            if (_pos >= _text.Length)
            {
                if (block.Path is not null)
                {
                    throw Error(block.OpenLine, $"'{block.Path.Replace(':', ' ')}' is opened with '{{' here but never closed with '}}'");
                }

                block.Flush(_document);
                return;
            }

            char c = _text[_pos];
            if (c == '}')
            {
                if (block.Path is null)
                {
                    throw Error(_line, "'}' without a matching '{'");
                }

                _pos++;
                block.Flush(_document);
                return;
            }

            int line = _line;
            string word = ReadWord();
            if (word.Length == 0)
            {
                throw Error(_line, $"unexpected '{c}': expected a key or a section name");
            }

            SkipSeparators(allowPairSeparators: false);
            if (Peek() == '=')
            {
                _pos++;
                string value = ReadValue(word);
                block.AddPair(word, value, line, this);
                continue;
            }

            ParseChildBlock(block, word, line);
        }
    }

    private void ParseChildBlock(ConfBlock parent, string kind, int line)
    {
        if (!ConfSchema.TryGetBlockRule(parent.Kind, kind, out bool named))
        {
            bool looksLikeBlock = Peek() == '{' || (parent.Kind is null && char.IsLetterOrDigit(Peek()));
            throw (looksLikeBlock, parent.Kind) switch
            {
                (true, null) => Error(line, $"unknown section '{kind}'"),
                (true, _) => Error(line, $"unknown block '{kind}' inside '{parent.Kind}'"),
                _ => Error(line, $"expected '=' after '{kind}'"),
            };
        }

        string? name = null;
        if (named)
        {
            name = ReadWord();
            if (name.Length == 0)
            {
                throw Error(line, $"'{kind}' needs a name: {kind} NAME {{ … }}");
            }

            SkipSeparators(allowPairSeparators: false);
        }

        if (Peek() != '{')
        {
            throw Error(_line, named
                ? $"expected '{{' after '{kind} {name}'"
                : $"expected '=' or '{{' after '{kind}'");
        }

        _pos++;
        string path = parent.Path is null ? kind : $"{parent.Path}:{kind}";
        if (name is not null)
        {
            path = $"{path}:{name}";
        }

        parent.AddBlock(kind, path, line, this);
        ParseBlock(new ConfBlock(kind, path, line));
    }

    private string ReadValue(string key)
    {
        // The value follows on the same line: "key =" at the end of a line is an error, not "take the next line".
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
        {
            _pos++;
        }

        if (Peek() == '"')
        {
            return ReadQuoted();
        }

        int start = _pos;
        while (_pos < _text.Length && IsBareValueChar(_text[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error(_line, $"missing value after '{key} ='");
        }

        return _text[start.._pos];
    }

    private string ReadQuoted()
    {
        int startLine = _line;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(startLine, "unterminated quoted value (a closing '\"' is missing on this line)");
            }

            char c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c == '\\')
            {
                char next = _pos < _text.Length ? _text[_pos] : '\0';
                if (next is not ('"' or '\\'))
                {
                    throw Error(startLine, "unknown escape in quoted value: only \\\" and \\\\ are allowed");
                }

                _pos++;
                sb.Append(next);
                continue;
            }

            sb.Append(c);
        }
    }

    private string ReadWord()
    {
        int start = _pos;
        while (_pos < _text.Length && IsWordChar(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipSeparators(bool allowPairSeparators)
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n')
            {
                _line++;
                _pos++;
            }
            else if (c is ' ' or '\t' or '\r' || (allowPairSeparators && c is ',' or ';'))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool IsBareValueChar(char c) =>
        !char.IsWhiteSpace(c) && c is not (',' or ';' or '#' or '{' or '}' or '"');

    internal ConfigurationException Error(int line, string message) => new(_document.File, line, message);
}
