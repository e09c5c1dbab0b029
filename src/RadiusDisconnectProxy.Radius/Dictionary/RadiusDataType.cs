namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>FreeRADIUS 3.x dictionary data types (dict_attr_types in src/lib/dict.c; RFC 8044 names in comments).</summary>
public enum RadiusDataType
{
    /// <summary>text: UTF-8.</summary>
    String,

    /// <summary>string: opaque octets.</summary>
    Octets,

    /// <summary>ipv4addr.</summary>
    IPAddr,

    /// <summary>ipv6addr.</summary>
    IPv6Addr,

    /// <summary>reserved, prefix length, 0..16 prefix octets.</summary>
    IPv6Prefix,

    /// <summary>reserved, prefix length, 4 octets.</summary>
    IPv4Prefix,

    /// <summary>uint32.</summary>
    Integer,

    /// <summary>uint8.</summary>
    Byte,

    /// <summary>uint16.</summary>
    Short,

    /// <summary>int32.</summary>
    Signed,

    /// <summary>uint64.</summary>
    Integer64,

    /// <summary>time: seconds since 1970 UTC, 4 octets.</summary>
    Date,

    /// <summary>6-octet MAC address.</summary>
    Ether,

    /// <summary>8-octet interface id.</summary>
    Ifid,

    /// <summary>IPv4 or IPv6 address by length.</summary>
    ComboIp,

    /// <summary>Nested type/length/value.</summary>
    Tlv,

    /// <summary>Ascend binary filter (shown as octets).</summary>
    Abinary,

    /// <summary>1 octet, 0 or 1.</summary>
    Bool,

    /// <summary>Vendor-Specific (26) itself.</summary>
    Vsa,

    /// <summary>RFC 6929 extended (241–244).</summary>
    Extended,

    /// <summary>RFC 6929 long extended (245–246).</summary>
    LongExtended,

    /// <summary>RFC 6929 Extended-Vendor-Specific (24x.26).</summary>
    Evs,
}
