using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// What the request says about where the session lives. NAS-Port-Type = Ethernet (15, RFC 2865 §5.41) without
/// Framed-Protocol is an Ethernet (IPoE, DHCP-lease) subscriber, which RouterOS's DHCP server sends in its accounting and
/// RADIUSdesk keys its lease removal on; Framed-Protocol = PPP (1, RFC 2865 §5.7) is a PPP session, which only
/// <c>/ppp/active</c> holds (RADIUSdesk's own selector, docs/mikrotik-rest.md).
/// </summary>
public readonly record struct SessionHints(bool Ethernet, bool Ppp)
{
    private const uint EthernetPort = 15;
    private const uint PppProtocol = 1;

    public static SessionHints Of(ReadOnlyMemory<byte> packet)
    {
        if (RadiusPacketReader.TryParse(packet.Span, out RadiusPacketReader reader) != PacketParseError.None)
        {
            return default;
        }

        bool ethernet = false, ppp = false;
        foreach (RadiusAttributeView attribute in reader)
        {
            if (attribute.Value.Length != 4)
            {
                continue;
            }

            uint value = BinaryPrimitives.ReadUInt32BigEndian(attribute.Value);
            ethernet |= attribute.Type == RadiusAttributeType.NasPortType && value == EthernetPort;
            ppp |= attribute.Type == RadiusAttributeType.FramedProtocol && value == PppProtocol;
        }

        return new SessionHints(ethernet && !ppp, ppp);
    }
}
