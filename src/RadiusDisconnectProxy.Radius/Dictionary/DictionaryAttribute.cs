namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>An ATTRIBUTE definition with its flags and VALUE names.</summary>
public sealed class DictionaryAttribute
{
    private Dictionary<uint, DictionaryAttribute>? _children;
    private Dictionary<ulong, string>? _valueNames;
    private Dictionary<string, ulong>? _valuesByName;

    internal DictionaryAttribute(string name, uint number, RadiusDataType type, DictionaryAttributeFlags flags,
        DictionaryVendor? vendor, DictionaryAttribute? parent)
    {
        Name = name;
        Number = number;
        Type = type;
        Flags = flags;
        Vendor = vendor;
        Parent = parent;
    }

    public string Name { get; }

    /// <summary>The number at this level: attribute type, vendor type, extended type or TLV child type.</summary>
    public uint Number { get; }

    public RadiusDataType Type { get; }

    public DictionaryAttributeFlags Flags { get; }

    /// <summary>The vendor for VSAs and EVS attributes (and their TLV children), else null.</summary>
    public DictionaryVendor? Vendor { get; }

    /// <summary>The enclosing TLV or extended attribute, else null.</summary>
    public DictionaryAttribute? Parent { get; }

    /// <summary>TLV children, or the extended types of an extended attribute (241–246).</summary>
    public IReadOnlyDictionary<uint, DictionaryAttribute>? Children => _children;

    public bool HasValueNames => _valueNames is not null;

    internal Dictionary<uint, DictionaryAttribute> GetOrCreateChildren() => _children ??= [];

    /// <summary>The VALUE name for a number (the first one defined wins).</summary>
    public bool TryGetValueName(ulong value, out string name)
    {
        if (_valueNames is not null && _valueNames.TryGetValue(value, out string? found))
        {
            name = found;
            return true;
        }

        name = string.Empty;
        return false;
    }

    /// <summary>The number behind a VALUE name (case-insensitive).</summary>
    public bool TryGetValue(string valueName, out ulong value)
    {
        value = 0;
        return _valuesByName is not null && _valuesByName.TryGetValue(valueName, out value);
    }

    internal void AddValue(string valueName, ulong value)
    {
        _valueNames ??= [];
        _valuesByName ??= new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        _valueNames.TryAdd(value, valueName);
        _valuesByName.TryAdd(valueName, value);
    }

    public override string ToString() => Name;
}
