namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>WISPr (vendor 14122) vendor types; bandwidth values are bit/s.</summary>
public static class WisprAttributeType
{
    public const byte BandwidthMinUp = 5;
    public const byte BandwidthMinDown = 6;
    public const byte BandwidthMaxUp = 7;
    public const byte BandwidthMaxDown = 8;
    public const byte SessionTerminateTime = 9;
}
