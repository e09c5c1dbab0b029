namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>
/// Attribute and vendor definitions loaded from FreeRADIUS 3.x dictionary files. Immutable once loaded and safe
/// to share between threads. Names are case-insensitive; for numbers the last definition names the attribute
/// (FreeRADIUS prints with the newest name), for VALUEs the first.
/// </summary>
public sealed class RadiusDictionary
{
    private readonly Dictionary<uint, DictionaryAttribute> _standard = [];
    private readonly Dictionary<string, DictionaryAttribute> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<uint, DictionaryVendor> _vendorsById = [];
    private readonly Dictionary<string, DictionaryVendor> _vendorsByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A dictionary with nothing in it: every attribute decodes under its Attr-N name.</summary>
    public static RadiusDictionary Empty { get; } = new();

    /// <summary>Number of ATTRIBUTE names known.</summary>
    public int AttributeCount => _byName.Count;

    public int VendorCount => _vendorsById.Count;

    public IReadOnlyDictionary<uint, DictionaryAttribute> StandardAttributes => _standard;

    /// <summary>Every VENDOR, by enterprise number.</summary>
    public IReadOnlyDictionary<uint, DictionaryVendor> Vendors => _vendorsById;

    /// <summary>Loads <c>directory/dictionary</c> and everything it $INCLUDEs.</summary>
    public static RadiusDictionary Load(string directory) => LoadFile(Path.Combine(directory, "dictionary"));

    /// <summary>Loads one dictionary file and everything it $INCLUDEs.</summary>
    public static RadiusDictionary LoadFile(string path)
    {
        var dictionary = new RadiusDictionary();
        new DictionaryParser(dictionary).ParseRoot(Path.GetFullPath(path));
        return dictionary;
    }

    public bool TryGetAttribute(byte type, out DictionaryAttribute attribute) => _standard.TryGetValue(type, out attribute!);

    public bool TryGetAttribute(string name, out DictionaryAttribute attribute) => _byName.TryGetValue(name, out attribute!);

    public bool TryGetVendor(uint vendorId, out DictionaryVendor vendor) => _vendorsById.TryGetValue(vendorId, out vendor!);

    public bool TryGetVendor(string name, out DictionaryVendor vendor) => _vendorsByName.TryGetValue(name, out vendor!);

    public bool TryGetVendorAttribute(uint vendorId, uint vendorType, out DictionaryAttribute attribute)
    {
        attribute = null!;
        return _vendorsById.TryGetValue(vendorId, out DictionaryVendor? vendor)
            && vendor.Attributes.TryGetValue(vendorType, out attribute!);
    }

    /// <summary>RFC 6929 extended attribute <paramref name="type"/>.<paramref name="extendedType"/>.</summary>
    public bool TryGetExtendedAttribute(byte type, byte extendedType, out DictionaryAttribute attribute)
    {
        attribute = null!;
        return _standard.TryGetValue(type, out DictionaryAttribute? parent)
            && parent.Children is { } children
            && children.TryGetValue(extendedType, out attribute!);
    }

    /// <summary>RFC 6929 Extended-Vendor-Specific attribute <paramref name="type"/>.26.<paramref name="vendorId"/>.<paramref name="vendorType"/>.</summary>
    public bool TryGetEvsAttribute(byte type, uint vendorId, uint vendorType, out DictionaryAttribute attribute)
    {
        attribute = null!;
        return _vendorsById.TryGetValue(vendorId, out DictionaryVendor? vendor)
            && vendor.GetExtendedAttributes(type) is { } map
            && map.TryGetValue(vendorType, out attribute!);
    }

    internal Dictionary<uint, DictionaryAttribute> Standard => _standard;

    internal void AddName(DictionaryAttribute attribute) => _byName[attribute.Name] = attribute;

    internal void AddVendor(DictionaryVendor vendor)
    {
        _vendorsById[vendor.Id] = vendor;
        _vendorsByName[vendor.Name] = vendor;
    }
}
