using System.Globalization;

namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>ATTRIBUTE, VENDOR and BEGIN-VENDOR lines.</summary>
internal sealed partial class DictionaryParser
{
    private void ParseAttribute(string file, string[] fields, int line)
    {
        Require(fields, 4, file, line);
        string name = fields[1];
        if (name.StartsWith("Attr-", StringComparison.OrdinalIgnoreCase))
        {
            throw new DictionaryParseException(file, line, $"attribute names starting with 'Attr-' are reserved: {name}");
        }

        (RadiusDataType type, int fixedLength) = ParseType(fields[3], file, line);
        DictionaryVendor? oldStyleVendor = null;
        var flags = new DictionaryAttributeFlags { FixedLength = fixedLength };
        if (fields.Length > 4)
        {
            flags = ParseFlags(fields[4], flags, file, line, out oldStyleVendor);
        }

        string[] parts = fields[2].Split('.');
        uint[] oid = new uint[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            oid[i] = ParseNumber(parts[i], file, line);
        }

        DictionaryVendor? vendor = oldStyleVendor ?? _blockVendor;
        DictionaryAttribute? parent = null;
        Dictionary<uint, DictionaryAttribute> container;
        int start = 0;
        if (_tlvStack.Count > 0 && oid.Length == 1)
        {
            parent = _tlvStack.Peek();
            vendor = parent.Vendor;
            container = parent.GetOrCreateChildren();
        }
        else if (vendor is not null)
        {
            container = _blockEvsParent != 0 && oldStyleVendor is null ? vendor.GetOrAddExtended(_blockEvsParent) : vendor.MutableAttributes;
        }
        else if (oid.Length >= 3 && oid[0] == 26)
        {
            vendor = FindVendor(oid[1], file, line);
            container = vendor.MutableAttributes;
            start = 2;
        }
        else if (oid.Length >= 4 && oid[0] is >= 241 and <= 246 && oid[1] == 26)
        {
            vendor = FindVendor(oid[2], file, line);
            container = vendor.GetOrAddExtended((byte)oid[0]);
            start = 3;
        }
        else
        {
            container = _dictionary.Standard;
        }

        for (int i = start; i < oid.Length - 1; i++)
        {
            if (!container.TryGetValue(oid[i], out DictionaryAttribute? step)
                || step.Type is not (RadiusDataType.Tlv or RadiusDataType.Extended or RadiusDataType.LongExtended))
            {
                throw new DictionaryParseException(file, line, $"{name}: parent {string.Join('.', oid[..(i + 1)])} is not a defined tlv or extended attribute");
            }

            parent = step;
            container = step.GetOrCreateChildren();
        }

        var attribute = new DictionaryAttribute(name, oid[^1], type, flags, vendor, parent);
        container[oid[^1]] = attribute;
        _dictionary.AddName(attribute);
    }

    private DictionaryVendor FindVendor(uint id, string file, int line) =>
        _dictionary.TryGetVendor(id, out DictionaryVendor vendor)
            ? vendor
            : throw new DictionaryParseException(file, line, $"unknown vendor {id}");

    private DictionaryAttributeFlags ParseFlags(string text, DictionaryAttributeFlags flags, string file, int line, out DictionaryVendor? oldStyleVendor)
    {
        oldStyleVendor = null;
        foreach (string flag in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string key = flag;
            string? value = null;
            int eq = flag.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                key = flag[..eq];
                value = flag[(eq + 1)..];
            }

            switch (key.ToLowerInvariant())
            {
                case "has_tag":
                    flags = flags with { HasTag = value is null or "1" };
                    break;
                case "encrypt":
                    int encrypt = value is "1" or "2" or "3" ? value[0] - '0' : throw new DictionaryParseException(file, line, $"invalid encrypt={value}");
                    flags = flags with { Encrypt = encrypt, Secret = true };
                    break;
                case "secret":
                    flags = flags with { Secret = true };
                    break;
                case "array":
                    flags = flags with { Array = true };
                    break;
                case "concat":
                    flags = flags with { Concat = true };
                    break;
                case "virtual":
                    flags = flags with { Virtual = true };
                    break;
                default:
                    // Old style: a vendor name as the 4th field (deprecated, not allowed inside BEGIN-VENDOR).
                    if (eq < 0 && _blockVendor is null && _dictionary.TryGetVendor(flag, out DictionaryVendor vendor))
                    {
                        oldStyleVendor = vendor;
                        break;
                    }

                    throw new DictionaryParseException(file, line, $"unknown attribute flag '{flag}'");
            }
        }

        return flags;
    }

    private static (RadiusDataType Type, int FixedLength) ParseType(string text, string file, int line)
    {
        string lower = text.ToLowerInvariant();
        if (lower.StartsWith("octets[", StringComparison.Ordinal) && lower.EndsWith(']'))
        {
            int length = int.TryParse(lower.AsSpan(7, lower.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 253
                ? n
                : throw new DictionaryParseException(file, line, $"invalid fixed length in '{text}'");
            return (RadiusDataType.Octets, length);
        }

        RadiusDataType type = lower switch
        {
            "string" => RadiusDataType.String,
            "octets" => RadiusDataType.Octets,
            "ipaddr" => RadiusDataType.IPAddr,
            "ipv6addr" => RadiusDataType.IPv6Addr,
            "ipv6prefix" => RadiusDataType.IPv6Prefix,
            "ipv4prefix" or "cidr" => RadiusDataType.IPv4Prefix,
            "integer" or "uint32" => RadiusDataType.Integer,
            "byte" or "uint8" => RadiusDataType.Byte,
            "short" or "uint16" => RadiusDataType.Short,
            "signed" or "int32" => RadiusDataType.Signed,
            "integer64" or "uint64" => RadiusDataType.Integer64,
            "date" => RadiusDataType.Date,
            "ether" => RadiusDataType.Ether,
            "ifid" => RadiusDataType.Ifid,
            "combo-ip" => RadiusDataType.ComboIp,
            "tlv" => RadiusDataType.Tlv,
            "abinary" => RadiusDataType.Abinary,
            "bool" => RadiusDataType.Bool,
            "vsa" => RadiusDataType.Vsa,
            "extended" => RadiusDataType.Extended,
            "long-extended" => RadiusDataType.LongExtended,
            "evs" => RadiusDataType.Evs,
            _ => throw new DictionaryParseException(file, line, $"unknown data type '{text}'"),
        };
        return (type, 0);
    }

    private void ParseVendor(string file, string[] fields, int line)
    {
        Require(fields, 3, file, line);
        uint id = ParseNumber(fields[2], file, line);
        int typeLength = 1;
        int lengthLength = 1;
        bool continuation = false;
        if (fields.Length > 3)
        {
            string format = fields[3];
            if (!format.StartsWith("format=", StringComparison.OrdinalIgnoreCase))
            {
                throw new DictionaryParseException(file, line, $"invalid VENDOR option '{format}'");
            }

            string[] parts = format[7..].Split(',');
            bool valid = parts.Length is 2 or 3
                && parts[0] is "1" or "2" or "4" && parts[1] is "0" or "1" or "2"
                && (parts.Length == 2 || (parts[2] == "c" && parts[0] == "1" && parts[1] == "1"));
            if (!valid)
            {
                throw new DictionaryParseException(file, line, $"invalid vendor format '{format}'");
            }

            typeLength = parts[0][0] - '0';
            lengthLength = parts[1][0] - '0';
            continuation = parts.Length == 3;
        }

        if (_dictionary.TryGetVendor(id, out DictionaryVendor existing) && existing.Name.Equals(fields[1], StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _dictionary.AddVendor(new DictionaryVendor(fields[1], id, typeLength, lengthLength, continuation));
    }

    private void ParseBeginVendor(string file, string[] fields, int line)
    {
        Require(fields, 2, file, line);
        if (!_dictionary.TryGetVendor(fields[1], out DictionaryVendor vendor))
        {
            throw new DictionaryParseException(file, line, $"BEGIN-VENDOR for unknown vendor '{fields[1]}'");
        }

        _blockVendor = vendor;
        _blockEvsParent = 0;
        if (fields.Length > 2)
        {
            const string Prefix = "format=Extended-Vendor-Specific-";
            string format = fields[2];
            if (!format.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(format.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n is < 1 or > 6)
            {
                throw new DictionaryParseException(file, line, $"invalid BEGIN-VENDOR format '{format}'");
            }

            _blockEvsParent = (byte)(240 + n);
        }
    }
}
