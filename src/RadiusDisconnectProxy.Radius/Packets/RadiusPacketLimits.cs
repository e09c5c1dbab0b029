namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>Size limits of a RADIUS packet and attribute (RFC 2865 §3, §5).</summary>
public static class RadiusPacketLimits
{
    public const int HeaderLength = 20;
    public const int MaxPacketLength = 4096;
    public const int AuthenticatorOffset = 4;
    public const int AuthenticatorLength = 16;
    public const int AttributeHeaderLength = 2;
    public const int MaxAttributeLength = 255;
    public const int MaxAttributeValueLength = MaxAttributeLength - AttributeHeaderLength;
}
