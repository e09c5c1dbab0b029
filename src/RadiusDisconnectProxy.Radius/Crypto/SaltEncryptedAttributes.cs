using System.Buffers.Binary;
using System.Collections.Frozen;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// The attributes a dictionary marks <c>encrypt=2</c> (salt encryption, RFC 2868 §3.5), standard and inside
/// Vendor-Specific (RFC 2865 §5.26, in the vendor's format), so that a proxy can re-key them from one shared secret
/// to another. Tagged ones (<c>has_tag</c>) carry the tag octet before the salt. Built once from the loaded
/// dictionary; lookups allocate nothing.
/// </summary>
public sealed class SaltEncryptedAttributes
{
    private readonly Kind[] _standard = new Kind[256];
    private readonly FrozenDictionary<uint, VendorEntry> _vendors;

    private SaltEncryptedAttributes(RadiusDictionary dictionary)
    {
        foreach (DictionaryAttribute attribute in dictionary.StandardAttributes.Values)
        {
            if (attribute.Number <= byte.MaxValue && attribute.Type != RadiusDataType.Vsa)
            {
                _standard[attribute.Number] = KindOf(attribute.Flags);
            }
        }

        var vendors = new Dictionary<uint, VendorEntry>();
        foreach (DictionaryVendor vendor in dictionary.Vendors.Values)
        {
            var types = vendor.Attributes.Values
                .Where(a => KindOf(a.Flags) != Kind.None)
                .ToDictionary(a => a.Number, a => KindOf(a.Flags));
            if (types.Count > 0)
            {
                vendors[vendor.Id] = new VendorEntry(vendor, types.ToFrozenDictionary());
            }
        }

        _vendors = vendors.ToFrozenDictionary();
    }

    /// <summary>The encrypt=2 attributes of <paramref name="dictionary"/>.</summary>
    public static SaltEncryptedAttributes From(RadiusDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return new SaltEncryptedAttributes(dictionary);
    }

    /// <summary>Whether attribute <paramref name="type"/> of <paramref name="vendorId"/> (0: a standard attribute) is encrypt=2.</summary>
    public bool IsEncrypted(uint vendorId, uint type, out bool hasTag)
    {
        Kind kind = vendorId == 0
            ? type <= byte.MaxValue ? _standard[type] : Kind.None
            : _vendors.TryGetValue(vendorId, out VendorEntry? vendor) ? vendor.Types.GetValueOrDefault(type) : Kind.None;
        hasTag = kind == Kind.Tagged;
        return kind != Kind.None;
    }

    /// <summary>Whether the attribute needs <see cref="TryRecrypt"/> at all (the cheap check for the fast path).</summary>
    public bool MayContainEncrypted(byte type, ReadOnlySpan<byte> value) =>
        _standard[type] != Kind.None
        || (type == RadiusAttributeType.VendorSpecific && value.Length >= 6 && _vendors.ContainsKey(BinaryPrimitives.ReadUInt32BigEndian(value)));

    /// <summary>
    /// Re-keys every encrypt=2 value inside one whole attribute (type, length, value) in place. False when such a value
    /// cannot be decrypted with <paramref name="fromSecret"/>; a Vendor-Specific whose layout does not add up is left
    /// as it is (it is forwarded unchanged).
    /// </summary>
    public bool TryRecrypt(Span<byte> attribute, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> fromSecret, ReadOnlySpan<byte> toSecret)
    {
        byte type = attribute[0];
        Span<byte> value = attribute[2..];
        if (_standard[type] != Kind.None)
        {
            return Recrypt(value, _standard[type], vector, fromSecret, toSecret);
        }

        if (type != RadiusAttributeType.VendorSpecific || value.Length < 6
            || !_vendors.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(value), out VendorEntry? vendor))
        {
            return true;
        }

        Span<byte> subAttributes = value[4..];
        if (!VendorSubAttributeEnumerator.IsWellFormed(subAttributes, vendor.Vendor))
        {
            return true;
        }

        var enumerator = new VendorSubAttributeEnumerator(subAttributes, vendor.Vendor);
        while (enumerator.MoveNext())
        {
            if (vendor.Types.TryGetValue(enumerator.CurrentType, out Kind kind)
                && !Recrypt(subAttributes.Slice(enumerator.CurrentValueOffset, enumerator.CurrentValue.Length), kind, vector, fromSecret, toSecret))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Recrypt(Span<byte> value, Kind kind, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> fromSecret, ReadOnlySpan<byte> toSecret) =>
        kind == Kind.Tagged
            ? value.Length > 1 && TunnelPasswordCipher.TryRecrypt(value[1..], vector, fromSecret, toSecret)
            : TunnelPasswordCipher.TryRecrypt(value, vector, fromSecret, toSecret);

    private static Kind KindOf(DictionaryAttributeFlags flags) =>
        flags.Encrypt != 2 ? Kind.None : flags.HasTag ? Kind.Tagged : Kind.Plain;

    private enum Kind : byte
    {
        None,
        Plain,
        Tagged,
    }

    private sealed record VendorEntry(DictionaryVendor Vendor, FrozenDictionary<uint, Kind> Types);
}
