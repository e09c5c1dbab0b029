namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>A VENDOR line: SMI enterprise number and the layout of its sub-attributes (format=t,l[,c]).</summary>
public sealed class DictionaryVendor
{
    private readonly Dictionary<uint, DictionaryAttribute> _attributes = [];
    private readonly Dictionary<byte, Dictionary<uint, DictionaryAttribute>> _extended = [];

    public DictionaryVendor(string name, uint id, int typeLength = 1, int lengthLength = 1, bool continuation = false)
    {
        Name = name;
        Id = id;
        TypeLength = typeLength;
        LengthLength = lengthLength;
        Continuation = continuation;
    }

    public string Name { get; }

    public uint Id { get; }

    /// <summary>Octets of the vendor type: 1, 2 or 4.</summary>
    public int TypeLength { get; }

    /// <summary>Octets of the vendor length: 0, 1 or 2.</summary>
    public int LengthLength { get; }

    /// <summary>WiMAX-style continuation octet after the length (format=1,1,c).</summary>
    public bool Continuation { get; }

    /// <summary>Attributes inside Vendor-Specific (26), by vendor type.</summary>
    public IReadOnlyDictionary<uint, DictionaryAttribute> Attributes => _attributes;

    internal Dictionary<uint, DictionaryAttribute> MutableAttributes => _attributes;

    /// <summary>Attributes inside Extended-Vendor-Specific of extended attribute <paramref name="parentType"/> (RFC 6929 §2.4).</summary>
    public IReadOnlyDictionary<uint, DictionaryAttribute>? GetExtendedAttributes(byte parentType) =>
        _extended.GetValueOrDefault(parentType);

    internal Dictionary<uint, DictionaryAttribute> GetOrAddExtended(byte parentType)
    {
        if (!_extended.TryGetValue(parentType, out Dictionary<uint, DictionaryAttribute>? map))
        {
            map = [];
            _extended[parentType] = map;
        }

        return map;
    }

    public override string ToString() => $"{Name} ({Id})";
}
