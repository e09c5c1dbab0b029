namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>Why a datagram is not a well-formed RADIUS packet (RFC 2865 §3, §5; RFC 3579 §3.2).</summary>
public enum PacketParseError
{
    /// <summary>The packet is well formed.</summary>
    None = 0,

    /// <summary>The datagram or its Length field is below the 20-octet header.</summary>
    TooShort,

    /// <summary>The Length field exceeds 4096.</summary>
    TooLong,

    /// <summary>The datagram is shorter than its Length field (RFC 2865 §3: silently discard).</summary>
    DatagramShorterThanLength,

    /// <summary>An attribute's length octet is 0 or 1, or fewer than 2 octets remain for its header.</summary>
    AttributeTooShort,

    /// <summary>An attribute's length runs past the end of the packet.</summary>
    AttributeOverrun,

    /// <summary>A Message-Authenticator whose length is not 18 (RFC 3579 §3.2).</summary>
    MessageAuthenticatorBadLength,

    /// <summary>More than one Message-Authenticator.</summary>
    DuplicateMessageAuthenticator,

    /// <summary>A Vendor-Specific attribute shorter than 7 octets (RFC 2865 §5.26).</summary>
    VendorSpecificTooShort,
}
