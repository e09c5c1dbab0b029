namespace RadiusDisconnectProxy.Radius.Dictionary;

/// <summary>The flags field of an ATTRIBUTE line (FreeRADIUS 3.x dictionary(5)).</summary>
public readonly record struct DictionaryAttributeFlags
{
    /// <summary>RFC 2868 tag octet.</summary>
    public bool HasTag { get; init; }

    /// <summary>0 none, 1 User-Password style, 2 Tunnel-Password style, 3 Ascend-Send-Secret style.</summary>
    public int Encrypt { get; init; }

    /// <summary>Do not print the value in logs.</summary>
    public bool Secret { get; init; }

    public bool Array { get; init; }

    /// <summary>Value split over consecutive attributes (EAP-Message).</summary>
    public bool Concat { get; init; }

    /// <summary>Server-internal, never on the wire.</summary>
    public bool Virtual { get; init; }

    /// <summary>octets[N]: the fixed length, else 0.</summary>
    public int FixedLength { get; init; }
}
