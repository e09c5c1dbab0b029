namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>ChilliSpot / CoovaChilli (vendor 14559) vendor types; bandwidth values are kbit/s.</summary>
public static class ChilliSpotAttributeType
{
    public const byte MaxInputOctets = 1;
    public const byte MaxOutputOctets = 2;
    public const byte MaxTotalOctets = 3;
    public const byte BandwidthMaxUp = 4;
    public const byte BandwidthMaxDown = 5;
}
