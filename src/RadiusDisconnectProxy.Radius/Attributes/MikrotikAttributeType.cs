namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>Mikrotik (vendor 14988) vendor types used by the proxy.</summary>
public static class MikrotikAttributeType
{
    public const byte RecvLimit = 1;
    public const byte XmitLimit = 2;
    public const byte RateLimit = 8;
    public const byte TotalLimit = 17;
    public const byte AddressList = 19;
}
