namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>SMI enterprise numbers of the vendors whose attributes the proxy acts on.</summary>
public static class VendorIds
{
    public const uint Mikrotik = 14988;
    public const uint ChilliSpot = 14559;
    public const uint Wispr = 14122;
}
