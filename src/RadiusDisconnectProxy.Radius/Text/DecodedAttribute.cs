namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>One attribute as a person reads it: keys of the `packet decode` JSON and the radclient text form.</summary>
public sealed record DecodedAttribute(byte Type, string Name, string Value)
{
    /// <summary>RFC 6929 extended type (241–246 attributes).</summary>
    public byte? ExtendedType { get; init; }

    public uint? VendorId { get; init; }

    public uint? VendorType { get; init; }

    /// <summary>RFC 2868 tag (1–31), when the attribute carries one.</summary>
    public int? Tag { get; init; }

    /// <summary>The value is text and is quoted in the radclient form.</summary>
    public bool IsText { get; init; }

    /// <summary>The dictionary marks the attribute secret (encrypt=, secret): never log its value.</summary>
    public bool IsSecret { get; init; }
}
