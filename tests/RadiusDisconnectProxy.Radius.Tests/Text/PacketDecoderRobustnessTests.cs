using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

/// <summary>Whatever arrives, the decoder answers with a parse error or a decoded packet, never an exception.</summary>
public class PacketDecoderRobustnessTests
{
    [Trait("Category", "RealService")] // reads FreeRADIUS's dictionaries from /usr/share/freeradius (freeradius-common)
    [Fact]
    public void RandomAttributes_NeverThrow()
    {
        RadiusDictionary freeradius = RadiusDictionary.Load("/usr/share/freeradius");
        var options = new PacketDecodeOptions { Secret = new SharedSecret("s"), RequestAuthenticator = new byte[16] };
        var random = new Random(6929);
        byte[] packet = new byte[4096];
        byte[] interesting = [1, 2, 26, 64, 69, 79, 80, 241, 242, 245, 246, 26, 26];
        for (int round = 0; round < 3000; round++)
        {
            int length = 20;
            int count = random.Next(1, 8);
            for (int i = 0; i < count; i++)
            {
                int valueLength = random.Next(0, 40);
                packet[length] = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
                packet[length + 1] = (byte)(valueLength + 2);
                random.NextBytes(packet.AsSpan(length + 2, valueLength));
                if (packet[length] == 26 && valueLength >= 4 && random.Next(2) == 0)
                {
                    // Known vendors with unusual formats: USR 4,0; Lucent 2,1; Starent 2,2; WiMAX 1,1,c; Mikrotik.
                    uint[] vendors = [429, 4846, 8164, 24757, 14988, 9];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(length + 2), vendors[random.Next(vendors.Length)]);
                }

                length += valueLength + 2;
            }

            packet[0] = (byte)new[] { 1, 2, 4, 40, 41, 42, 43, 44, 45, 99 }[random.Next(10)];
            packet[2] = (byte)(length >> 8);
            packet[3] = (byte)length;
            foreach (RadiusDictionary dictionary in new[] { freeradius, ShippedDictionaryTests.Shipped, RadiusDictionary.Empty })
            {
                PacketParseError error = PacketDecoder.TryDecode(packet.AsSpan(0, length), dictionary, options, out DecodedPacket? decoded);
                Assert.True(error != PacketParseError.None || decoded is not null);
                if (decoded is not null)
                {
                    _ = decoded.Attributes.Select(AttributeLine.Format).ToList();
                }
            }
        }
    }

    [Fact]
    public void WriterHelpers_DecodeBack()
    {
        byte[] buffer = new byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.CoaRequest, 1);
        writer.AddTagged(81, 3, "42"u8);
        writer.AddExtended(241, 8, [0xab, 0xcd]);
        Assert.Equal(PacketParseError.None, PacketDecoder.TryDecode(writer.Written, ShippedDictionaryTests.Shipped, PacketDecodeOptions.None, out DecodedPacket? decoded));
        Assert.Equal(["Tunnel-Private-Group-Id:3 = \"42\"", "Operator-NAS-Identifier = 0xabcd"], decoded!.Attributes.Select(AttributeLine.Format));
    }
}
