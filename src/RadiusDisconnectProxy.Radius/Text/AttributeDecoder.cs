using System.Buffers.Binary;
using System.Globalization;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Values;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>
/// Turns wire attributes into <see cref="DecodedAttribute"/>s: VSAs by vendor format (RFC 2865 §5.26), extended,
/// long-extended and EVS (RFC 6929 §2), TLVs, tags (RFC 2868 §3), encrypt=1/2 when a secret and vector are known.
/// Unknown attributes get FreeRADIUS-style names ("Attr-26.20000.1") and 0x-hex values.
/// </summary>
internal sealed class AttributeDecoder
{
    private readonly RadiusDictionary _dictionary;
    private readonly List<DecodedAttribute> _output;
    private readonly SharedSecret? _secret;
    private readonly byte[]? _userPasswordVector;
    private readonly byte[]? _tunnelVector;

    // RFC 6929 §2.2: long-extended fragments (M flag) are joined before decoding.
    private byte _fragmentType;
    private byte _fragmentExtendedType;
    private List<byte>? _fragments;

    public AttributeDecoder(RadiusDictionary dictionary, List<DecodedAttribute> output, SharedSecret? secret, byte[]? userPasswordVector, byte[]? tunnelVector)
    {
        _dictionary = dictionary;
        _output = output;
        _secret = secret;
        _userPasswordVector = userPasswordVector;
        _tunnelVector = tunnelVector;
    }

    public void Decode(byte type, ReadOnlySpan<byte> value)
    {
        if (_fragments is not null && !(type == _fragmentType && value.Length >= 2 && value[0] == _fragmentExtendedType))
        {
            Flush();
        }

        if (type == RadiusAttributeType.VendorSpecific)
        {
            DecodeVendorSpecific(value);
            return;
        }

        // RFC 6929 §2.1: 241–244 are extended and 245–246 long extended whatever the dictionary says.
        if (type is >= RadiusAttributeType.Extended1 and <= RadiusAttributeType.Extended4 && value.Length >= 1)
        {
            DecodeExtended(type, value[0], value[1..]);
            return;
        }

        if (type is RadiusAttributeType.LongExtended1 or RadiusAttributeType.LongExtended2 && value.Length >= 2)
        {
            DecodeLongExtendedFragment(type, value);
            return;
        }

        _dictionary.TryGetAttribute(type, out DictionaryAttribute? definition);
        Emit(new Key(type), definition, value, $"Attr-{type}");
    }

    /// <summary>Emits a long-extended attribute whose last fragment never came, as raw octets.</summary>
    public void Flush()
    {
        if (_fragments is null)
        {
            return;
        }

        byte[] data = [.. _fragments];
        _fragments = null;
        DecodeExtended(_fragmentType, _fragmentExtendedType, data);
    }

    private void DecodeLongExtendedFragment(byte type, ReadOnlySpan<byte> value)
    {
        bool more = (value[1] & 0x80) != 0;
        if (_fragments is null && !more)
        {
            DecodeExtended(type, value[0], value[2..]);
            return;
        }

        if (_fragments is null)
        {
            _fragmentType = type;
            _fragmentExtendedType = value[0];
            _fragments = [];
        }

        _fragments.AddRange(value[2..]);
        if (!more)
        {
            Flush();
        }
    }

    private void DecodeExtended(byte type, byte extendedType, ReadOnlySpan<byte> data)
    {
        var key = new Key(type) { ExtendedType = extendedType };
        if (extendedType == 26 && data.Length >= 5)
        {
            // RFC 6929 §2.4 Extended-Vendor-Specific: vendor id (4), vendor type (1), value.
            uint vendorId = BinaryPrimitives.ReadUInt32BigEndian(data);
            byte vendorType = data[4];
            _dictionary.TryGetEvsAttribute(type, vendorId, vendorType, out DictionaryAttribute? evs);
            Emit(key with { VendorId = vendorId, VendorType = vendorType }, evs, data[5..], $"Attr-{type}.26.{vendorId}.{vendorType}");
            return;
        }

        _dictionary.TryGetExtendedAttribute(type, extendedType, out DictionaryAttribute? definition);
        Emit(key, definition, data, $"Attr-{type}.{extendedType}");
    }

    private void DecodeVendorSpecific(ReadOnlySpan<byte> value)
    {
        uint vendorId = BinaryPrimitives.ReadUInt32BigEndian(value);
        ReadOnlySpan<byte> data = value[4..];
        _dictionary.TryGetVendor(vendorId, out DictionaryVendor? vendor);
        if (!VendorSubAttributeEnumerator.IsWellFormed(data, vendor))
        {
            Emit(new Key(RadiusAttributeType.VendorSpecific) { VendorId = vendorId }, null, data, $"Attr-26.{vendorId}");
            return;
        }

        var subAttributes = new VendorSubAttributeEnumerator(data, vendor);
        while (subAttributes.MoveNext())
        {
            uint vendorType = subAttributes.CurrentType;
            DictionaryAttribute? definition = null;
            vendor?.Attributes.TryGetValue(vendorType, out definition);
            var key = new Key(RadiusAttributeType.VendorSpecific) { VendorId = vendorId, VendorType = vendorType };
            Emit(key, definition, subAttributes.CurrentValue, $"Attr-26.{vendorId}.{vendorType}");
        }
    }

    private void Emit(Key key, DictionaryAttribute? definition, ReadOnlySpan<byte> value, string unknownName)
    {
        if (definition is null)
        {
            Add(key, unknownName, AttributeValueFormatter.Hex(value), null, isText: false);
            return;
        }

        if (definition.Type == RadiusDataType.Tlv && TryEmitTlv(key, definition, value, unknownName))
        {
            return;
        }

        int? tag = null;
        ReadOnlySpan<byte> payload = value;
        if (definition.Flags.HasTag)
        {
            tag = SplitTag(definition, value, out payload);
        }

        if (definition.Flags.Encrypt is 1 or 2)
        {
            string? revealed = TryReveal(definition.Flags.Encrypt, payload);
            Add(key, definition.Name, revealed ?? AttributeValueFormatter.Hex(payload), tag, isText: revealed is not null, isSecret: true);
            return;
        }

        string text = definition.Type == RadiusDataType.Integer && definition.Flags.HasTag && payload.Length == 3
            ? AttributeValueFormatter.Format(definition, [0, .. payload])
            : AttributeValueFormatter.Format(definition, payload);
        bool isText = definition.Type == RadiusDataType.String;
        Add(key, definition.Name, text, tag, isText, definition.Flags.Secret);
    }

    // RFC 2868 §3: integer tunnel attributes always carry the tag octet (24-bit value); strings carry one when the
    // first octet is 0x00..0x1F (FreeRADIUS also consumes 0x00); Tunnel-Password (encrypt=2) always has it.
    private static int? SplitTag(DictionaryAttribute definition, ReadOnlySpan<byte> value, out ReadOnlySpan<byte> payload)
    {
        payload = value;
        bool consume = value.Length > 0 && (definition.Type == RadiusDataType.Integer
            ? value.Length == 4
            : definition.Flags.Encrypt == 2 || value[0] <= 0x1F);
        if (!consume)
        {
            return null;
        }

        payload = value[1..];
        return value[0] is > 0 and <= 0x1F ? value[0] : null;
    }

    private string? TryReveal(int encrypt, ReadOnlySpan<byte> cipher)
    {
        byte[]? vector = encrypt == 1 ? _userPasswordVector : _tunnelVector;
        if (_secret is null || vector is null)
        {
            return null;
        }

        Span<byte> plain = stackalloc byte[256];
        bool ok = encrypt == 1
            ? UserPasswordCipher.TryDecrypt(cipher, vector, _secret, plain, out int written)
            : TunnelPasswordCipher.TryDecrypt(cipher, vector, _secret, plain, out written);
        string? text = ok ? AttributeValueFormatter.FormatString(plain[..written]) : null;
        plain.Clear();
        return text;
    }

    private bool TryEmitTlv(Key key, DictionaryAttribute definition, ReadOnlySpan<byte> value, string unknownName)
    {
        // Nested type(1)/length(1)/value, the default VSA layout (RFC 6929 §2.3); one that does not add up falls back to octets.
        if (!VendorSubAttributeEnumerator.IsWellFormed(value, vendor: null))
        {
            return false;
        }

        var children = new VendorSubAttributeEnumerator(value, vendor: null);
        while (children.MoveNext())
        {
            uint childType = children.CurrentType;
            DictionaryAttribute? child = null;
            definition.Children?.TryGetValue(childType, out child);
            string childUnknown = string.Create(CultureInfo.InvariantCulture, $"{unknownName}.{childType}");
            Emit(key, child, children.CurrentValue, childUnknown);
        }

        return true;
    }

    private void Add(Key key, string name, string value, int? tag, bool isText, bool isSecret = false) =>
        _output.Add(new DecodedAttribute(key.Type, name, value)
        {
            ExtendedType = key.ExtendedType,
            VendorId = key.VendorId,
            VendorType = key.VendorType,
            Tag = tag,
            IsText = isText,
            IsSecret = isSecret,
        });

    private readonly record struct Key(byte Type)
    {
        public byte? ExtendedType { get; init; }

        public uint? VendorId { get; init; }

        public uint? VendorType { get; init; }
    }
}
