using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// One allocation-free pass over an authenticated request's attributes: finds the Event-Timestamp and rejects
/// values of the wrong size for the fixed-size attributes the proxy reads (a malformed packet is dropped, RFC 5176 §2.3; docs/operations.md).
/// </summary>
internal readonly ref struct AttributeCheck
{
    private AttributeCheck(bool malformed, bool hasEventTimestamp, uint eventTimestamp)
    {
        IsMalformed = malformed;
        HasEventTimestamp = hasEventTimestamp;
        EventTimestampSeconds = eventTimestamp;
    }

    public bool IsMalformed { get; }

    public bool HasEventTimestamp { get; }

    /// <summary>Seconds since 1970-01-01 UTC (RFC 2869 §5.3).</summary>
    public uint EventTimestampSeconds { get; }

    public static AttributeCheck Run(RadiusPacketReader packet)
    {
        bool hasEventTimestamp = false;
        uint eventTimestamp = 0;
        foreach (RadiusAttributeView attribute in packet)
        {
            int expected = attribute.Type switch
            {
                RadiusAttributeType.NasIpAddress or RadiusAttributeType.NasPort or RadiusAttributeType.ServiceType
                    or RadiusAttributeType.FramedIpAddress or RadiusAttributeType.SessionTimeout
                    or RadiusAttributeType.EventTimestamp => 4,
                RadiusAttributeType.NasIpv6Address => 16,
                _ => -1,
            };
            if (expected >= 0 && attribute.Value.Length != expected)
            {
                return new AttributeCheck(malformed: true, false, 0);
            }

            if (attribute.Type == RadiusAttributeType.EventTimestamp)
            {
                hasEventTimestamp = true;
                eventTimestamp = BinaryPrimitives.ReadUInt32BigEndian(attribute.Value);
            }
        }

        return new AttributeCheck(malformed: false, hasEventTimestamp, eventTimestamp);
    }
}
