using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>
/// Walks the sub-attributes of one Vendor-Specific value after the vendor id (RFC 2865 §5.26) in the vendor's
/// dictionary format (format=t,l: 1,1 default; 2,1 Lucent; 4,0 USR; 2,2 Starent; 1,1,c WiMAX). A layout that
/// does not add up sets <see cref="IsMalformed"/>, and the caller keeps the whole VSA as raw octets.
/// </summary>
public ref struct VendorSubAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _typeLength;
    private readonly int _lengthLength;
    private readonly int _headerLength;
    private int _offset;

    public VendorSubAttributeEnumerator(ReadOnlySpan<byte> vendorData, int typeLength, int lengthLength, bool continuation)
    {
        _data = vendorData;
        _typeLength = typeLength;
        _lengthLength = lengthLength;
        _headerLength = typeLength + lengthLength + (continuation ? 1 : 0);
        _offset = 0;
        CurrentType = 0;
        CurrentValue = default;
        CurrentValueOffset = 0;
        IsMalformed = false;
    }

    public VendorSubAttributeEnumerator(ReadOnlySpan<byte> vendorData, DictionaryVendor? vendor)
        : this(vendorData, vendor?.TypeLength ?? 1, vendor?.LengthLength ?? 1, vendor?.Continuation ?? false)
    {
    }

    public uint CurrentType { get; private set; }

    public ReadOnlySpan<byte> CurrentValue { get; private set; }

    /// <summary>Where <see cref="CurrentValue"/> starts within the vendor data (to change the value in place).</summary>
    public int CurrentValueOffset { get; private set; }

    public bool IsMalformed { get; private set; }

    /// <summary>Checks the whole layout without enumerating for the caller.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> vendorData, DictionaryVendor? vendor)
    {
        var enumerator = new VendorSubAttributeEnumerator(vendorData, vendor);
        while (enumerator.MoveNext())
        {
        }

        return !enumerator.IsMalformed;
    }

    public bool MoveNext()
    {
        if (IsMalformed || _offset >= _data.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _data[_offset..];
        if (rest.Length < _headerLength || (_lengthLength == 0 && _offset > 0))
        {
            IsMalformed = true;
            return false;
        }

        uint type = _typeLength switch
        {
            1 => rest[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(rest),
            _ => BinaryPrimitives.ReadUInt32BigEndian(rest),
        };
        int length = _lengthLength switch
        {
            0 => rest.Length,
            1 => rest[_typeLength],
            _ => BinaryPrimitives.ReadUInt16BigEndian(rest[_typeLength..]),
        };
        if (length < _headerLength || length > rest.Length)
        {
            IsMalformed = true;
            return false;
        }

        CurrentType = type;
        CurrentValue = rest[_headerLength..length];
        CurrentValueOffset = _offset + _headerLength;
        _offset += length;
        return true;
    }
}
