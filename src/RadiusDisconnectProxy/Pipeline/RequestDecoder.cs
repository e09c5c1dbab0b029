using RadiusDisconnectProxy.Routing;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Turns an authenticated, well-formed request into what drivers see (<see cref="DynamicAuthorizationRequest"/>).
/// Runs only for new requests that passed every check, so its allocations (strings, the packet copy) are per
/// accepted request, never per datagram.
/// </summary>
internal static class RequestDecoder
{
    public static DynamicAuthorizationRequest Decode(RadiusPacketReader packet, RadiusClient client, IPEndPoint source)
    {
        string? userName = null, acctSessionId = null, acctMultiSessionId = null, callingStationId = null, calledStationId = null;
        string? nasPortId = null, cui = null, nasIdentifier = null;
        IPAddress? framedIp = null, nasIp = null, nasIpv6 = null;
        uint? nasPort = null;
        uint? serviceType = null;
        uint? sessionTimeout = null;
        string? rateLimit = null;
        uint? wisprUp = null, wisprDown = null, chilliUp = null, chilliDown = null;
        foreach (RadiusAttributeView attribute in packet)
        {
            ReadOnlySpan<byte> value = attribute.Value;
            switch (attribute.Type)
            {
                case RadiusAttributeType.UserName: userName = Text(value); break;
                case RadiusAttributeType.AcctSessionId: acctSessionId = Text(value); break;
                case RadiusAttributeType.AcctMultiSessionId: acctMultiSessionId = Text(value); break;
                case RadiusAttributeType.CallingStationId: callingStationId = Text(value); break;
                case RadiusAttributeType.CalledStationId: calledStationId = Text(value); break;
                case RadiusAttributeType.FramedIpAddress: framedIp = new IPAddress(value); break;
                case RadiusAttributeType.NasPort: nasPort = BinaryPrimitives.ReadUInt32BigEndian(value); break;
                case RadiusAttributeType.NasPortId: nasPortId = Text(value); break;
                case RadiusAttributeType.ChargeableUserIdentity: cui = Text(value); break;
                case RadiusAttributeType.NasIdentifier: nasIdentifier = Text(value); break;
                case RadiusAttributeType.NasIpAddress: nasIp = new IPAddress(value); break;
                case RadiusAttributeType.NasIpv6Address: nasIpv6 = new IPAddress(value); break;
                case RadiusAttributeType.ServiceType: serviceType = BinaryPrimitives.ReadUInt32BigEndian(value); break;
                case RadiusAttributeType.SessionTimeout: sessionTimeout = BinaryPrimitives.ReadUInt32BigEndian(value); break;
                case RadiusAttributeType.VendorSpecific:
                    ReadVendorSpecific(value, ref rateLimit, ref wisprUp, ref wisprDown, ref chilliUp, ref chilliDown);
                    break;
            }
        }

        var keys = new SessionKeys
        {
            UserName = userName,
            AcctSessionId = acctSessionId,
            AcctMultiSessionId = acctMultiSessionId,
            CallingStationId = callingStationId,
            CalledStationId = calledStationId,
            FramedIpAddress = framedIp,
            NasPort = nasPort,
            NasPortId = nasPortId,
            ChargeableUserIdentity = cui,
            NasIdentifier = nasIdentifier,
            NasIpAddress = nasIp,
            NasIpv6Address = nasIpv6,
        };
        return new DynamicAuthorizationRequest
        {
            Code = packet.Code,
            Keys = keys,
            ServiceType = serviceType,
            SessionTimeout = sessionTimeout,
            MikrotikRateLimit = rateLimit,
            WisprBandwidthMaxUp = wisprUp,
            WisprBandwidthMaxDown = wisprDown,
            ChilliSpotBandwidthMaxUp = chilliUp,
            ChilliSpotBandwidthMaxDown = chilliDown,
            Packet = packet.Span.ToArray(),
            ClientSecret = client.SecretBytes,
            Client = source,
            ClientName = client.Name,
        };
    }

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    // RFC 2865 §5.26, the recommended layout: vendor id, then sub-attributes (type, length incl. 2, value).
    private static void ReadVendorSpecific(ReadOnlySpan<byte> value, ref string? rateLimit, ref uint? wisprUp, ref uint? wisprDown,
        ref uint? chilliUp, ref uint? chilliDown)
    {
        uint vendor = BinaryPrimitives.ReadUInt32BigEndian(value);
        var subAttributes = new VendorSubAttributeEnumerator(value[4..], vendor: null);
        while (subAttributes.MoveNext())
        {
            uint type = subAttributes.CurrentType;
            ReadOnlySpan<byte> data = subAttributes.CurrentValue;
            switch (vendor)
            {
                case VendorIds.Mikrotik when type == MikrotikAttributeType.RateLimit:
                    rateLimit = Text(data);
                    break;
                case VendorIds.Wispr when data.Length == 4 && type == WisprAttributeType.BandwidthMaxUp:
                    wisprUp = BinaryPrimitives.ReadUInt32BigEndian(data);
                    break;
                case VendorIds.Wispr when data.Length == 4 && type == WisprAttributeType.BandwidthMaxDown:
                    wisprDown = BinaryPrimitives.ReadUInt32BigEndian(data);
                    break;
                case VendorIds.ChilliSpot when data.Length == 4 && type == ChilliSpotAttributeType.BandwidthMaxUp:
                    chilliUp = BinaryPrimitives.ReadUInt32BigEndian(data);
                    break;
                case VendorIds.ChilliSpot when data.Length == 4 && type == ChilliSpotAttributeType.BandwidthMaxDown:
                    chilliDown = BinaryPrimitives.ReadUInt32BigEndian(data);
                    break;
            }
        }
    }
}
