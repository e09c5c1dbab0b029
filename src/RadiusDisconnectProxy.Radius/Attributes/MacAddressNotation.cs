namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>How <see cref="MacAddress.Format"/> spells the 12 hex digits.</summary>
public enum MacAddressNotation
{
    /// <summary><c>0C-C6-FD-7B-8B-AA</c>: CoovaChilli, RADIUSdesk, RFC 3580 §3.21 Calling-Station-Id.</summary>
    Dashes,

    /// <summary><c>0C:C6:FD:7B:8B:AA</c>: RouterOS.</summary>
    Colons,

    /// <summary><c>0cc6.fd7b.8baa</c>: Cisco.</summary>
    Dots,

    /// <summary><c>0CC6FD7B8BAA</c>.</summary>
    Bare,
}
