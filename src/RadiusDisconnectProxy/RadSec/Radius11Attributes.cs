using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// RFC 9765 §5.1: over RADIUS/1.1, attributes that historic RADIUS obfuscates with the shared secret travel in clear.
/// The drivers (the forwarder re-keys them from the client's secret to the NAS's) expect the historic form, so such
/// a request is refused rather than forwarded garbled: Tunnel-Password, and the Vendor-Specific attributes of the
/// vendors whose dictionaries mark attributes <c>encrypt=2</c> (docs/radsec.md).
/// </summary>
internal static class Radius11Attributes
{
    private static ReadOnlySpan<uint> Vendors => [311, 2356, 4874, 6527, 14823];

    public static bool CarriesObfuscated(ReadOnlySpan<byte> packet)
    {
        if (RadiusPacketReader.TryParse(packet, out RadiusPacketReader reader) != PacketParseError.None)
        {
            return false;   // the pipeline drops and counts it as malformed
        }

        foreach (RadiusAttributeView attribute in reader)
        {
            if (attribute.Type == RadiusAttributeType.TunnelPassword
                || (attribute.Type == RadiusAttributeType.VendorSpecific && attribute.Value.Length >= 4
                    && Vendors.Contains(BinaryPrimitives.ReadUInt32BigEndian(attribute.Value))))
            {
                return true;
            }
        }

        return false;
    }
}
