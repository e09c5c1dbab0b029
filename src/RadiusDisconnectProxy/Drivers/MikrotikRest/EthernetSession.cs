using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// Whether a request names an Ethernet (IPoE, DHCP-lease) subscriber: NAS-Port-Type = Ethernet (15, RFC 2865 §5.41),
/// which RouterOS's DHCP server sends in its accounting and RADIUSdesk keys its lease removal on.
/// </summary>
internal static class EthernetSession
{
    private const uint Ethernet = 15;

    public static bool IsNamedBy(ReadOnlyMemory<byte> packet)
    {
        if (RadiusPacketReader.TryParse(packet.Span, out RadiusPacketReader reader) != PacketParseError.None)
        {
            return false;
        }

        foreach (RadiusAttributeView attribute in reader)
        {
            if (attribute.Type == RadiusAttributeType.NasPortType && attribute.Value.Length == 4
                && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(attribute.Value) == Ethernet)
            {
                return true;
            }
        }

        return false;
    }
}
