using System.Globalization;

namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>
/// Reads the FreeRADIUS 3.x dictionary format (dictionary(5), src/lib/dict.c on v3.2.x): $INCLUDE, VENDOR with
/// format=, BEGIN-VENDOR/END-VENDOR (incl. format=Extended-Vendor-Specific-N), BEGIN-TLV/END-TLV, ATTRIBUTE with
/// flags and decimal, hex or dotted numbers, VALUE (forward references allowed), VALUE-ALIAS.
/// </summary>
internal sealed partial class DictionaryParser
{
    private readonly RadiusDictionary _dictionary;
    private readonly Stack<string> _includeStack = new();
    private readonly List<PendingValue> _pendingValues = [];

    private DictionaryVendor? _blockVendor;
    private byte _blockEvsParent;
    private readonly Stack<DictionaryAttribute> _tlvStack = new();

    public DictionaryParser(RadiusDictionary dictionary) => _dictionary = dictionary;

    public void ParseRoot(string path)
    {
        ParseFile(path, Path.GetFileName(path), 0);
        foreach (PendingValue pending in _pendingValues)
        {
            if (!_dictionary.TryGetAttribute(pending.AttributeName, out DictionaryAttribute attribute))
            {
                throw new DictionaryParseException(pending.File, pending.Line, $"VALUE for unknown attribute '{pending.AttributeName}'");
            }

            attribute.AddValue(pending.ValueName, pending.Value);
        }
    }

    private void ParseFile(string path, string displayName, int includeLine)
    {
        if (_includeStack.Contains(path))
        {
            throw new DictionaryParseException(displayName, includeLine, $"$INCLUDE loop: {Path.GetFileName(path)}");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DictionaryParseException(displayName, includeLine, $"cannot read {path}: {e.Message}");
        }

        _includeStack.Push(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            try
            {
                ParseLine(path, fields, i + 1);
            }
            catch (DictionaryParseException)
            {
                throw;
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                throw new DictionaryParseException(path, i + 1, e.Message);
            }
        }

        _includeStack.Pop();
    }

    private void ParseLine(string file, string[] fields, int line)
    {
        string keyword = fields[0];
        if (keyword.StartsWith("$INCLUDE", StringComparison.OrdinalIgnoreCase) || keyword.Equals("$-INCLUDE", StringComparison.OrdinalIgnoreCase))
        {
            Require(fields, 2, file, line);
            bool optional = keyword is "$INCLUDE-" or "$-INCLUDE";
            string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, fields[1]));
            if (optional && !File.Exists(target))
            {
                return;
            }

            ParseFile(target, file, line);
            return;
        }

        switch (keyword.ToUpperInvariant())
        {
            case "ATTRIBUTE":
                ParseAttribute(file, fields, line);
                break;
            case "VALUE":
                Require(fields, 4, file, line);
                _pendingValues.Add(new PendingValue(file, line, fields[1], fields[2], ParseValueNumber(fields[3], file, line)));
                break;
            case "VENDOR":
                ParseVendor(file, fields, line);
                break;
            case "BEGIN-VENDOR":
                ParseBeginVendor(file, fields, line);
                break;
            case "END-VENDOR":
                Require(fields, 2, file, line);
                if (_blockVendor is null || !_blockVendor.Name.Equals(fields[1], StringComparison.OrdinalIgnoreCase))
                {
                    throw new DictionaryParseException(file, line, $"END-VENDOR {fields[1]} without matching BEGIN-VENDOR");
                }

                _blockVendor = null;
                _blockEvsParent = 0;
                break;
            case "BEGIN-TLV":
                Require(fields, 2, file, line);
                if (!_dictionary.TryGetAttribute(fields[1], out DictionaryAttribute tlv) || tlv.Type != RadiusDataType.Tlv)
                {
                    throw new DictionaryParseException(file, line, $"BEGIN-TLV {fields[1]}: not a tlv attribute");
                }

                _tlvStack.Push(tlv);
                break;
            case "END-TLV":
                Require(fields, 2, file, line);
                if (_tlvStack.Count == 0 || !_tlvStack.Peek().Name.Equals(fields[1], StringComparison.OrdinalIgnoreCase))
                {
                    throw new DictionaryParseException(file, line, $"END-TLV {fields[1]} without matching BEGIN-TLV");
                }

                _tlvStack.Pop();
                break;
            case "VALUE-ALIAS":
                Require(fields, 3, file, line);
                break;
            default:
                throw new DictionaryParseException(file, line, $"unknown keyword '{keyword}'");
        }
    }

    private static void Require(string[] fields, int count, string file, int line)
    {
        if (fields.Length < count)
        {
            throw new DictionaryParseException(file, line, $"{fields[0]} needs at least {count - 1} fields");
        }
    }

    internal static uint ParseNumber(string text, string file, int line)
    {
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)
            : text.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
                ? TryParseOctal(text.AsSpan(2), out value)
                : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new DictionaryParseException(file, line, $"invalid number '{text}'");
    }

    private static ulong ParseValueNumber(string text, string file, int line)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex))
        {
            return hex;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            return value;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed)
            ? unchecked((ulong)signed)
            : throw new DictionaryParseException(file, line, $"invalid VALUE number '{text}'");
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (c is < '0' or > '7' || value > (uint.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) | (uint)(c - '0');
        }

        return true;
    }

    private readonly record struct PendingValue(string File, int Line, string AttributeName, string ValueName, ulong Value);
}
