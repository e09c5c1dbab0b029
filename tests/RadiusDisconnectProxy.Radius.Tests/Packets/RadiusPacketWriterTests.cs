using System.Net;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Tests.Packets;

public class RadiusPacketWriterTests
{
    [Fact]
    public void Writer_ReproducesFlexinetsDisconnectRequest()
    {
        Span<byte> buffer = stackalloc byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, 1);
        writer.AddString(RadiusAttributeType.AcctSessionId, "09042AF8");
        RadiusAuthenticator.SignRequest(writer.Written, new SharedSecret(Vectors.FlexinetsSecret));
        Assert.Equal(Vectors.FlexinetsDisconnect, Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void Writer_ReproducesRadclientDisconnectRequestWithMessageAuthenticator()
    {
        // Same attributes and order as radclient sent; radclient placed the Message-Authenticator last.
        Span<byte> buffer = stackalloc byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, 0x60);
        writer.AddString(RadiusAttributeType.UserName, "bob");
        writer.AddString(RadiusAttributeType.AcctSessionId, "5A3B0001");
        writer.AddIPv4(RadiusAttributeType.NasIpAddress, IPAddress.Parse("10.0.0.1"));
        writer.AddString(RadiusAttributeType.CallingStationId, "0C-C6-FD-7B-8B-AA");
        writer.AddUInt32(RadiusAttributeType.EventTimestamp, 1764064800);
        writer.AddMessageAuthenticator();
        Assert.Equal(84 - 16, writer.MessageAuthenticatorOffset);
        RadiusAuthenticator.SignRequest(writer.Written, new SharedSecret(Vectors.TestingSecret));
        Assert.Equal(Vectors.RadclientDisconnect, Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void Writer_BuildsVendorAttributesLikeRadclient()
    {
        byte[] expected = Vectors.Bytes(Vectors.RadclientCoa);
        Span<byte> buffer = stackalloc byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.CoaRequest, 0x7a);
        writer.AddString(RadiusAttributeType.UserName, "alice");
        writer.AddRaw(expected.AsSpan(27, 6));   // Tunnel-Type:1
        writer.AddRaw(expected.AsSpan(33, 6));   // Tunnel-Medium-Type:1
        writer.AddRaw(expected.AsSpan(39, 5));   // Tunnel-Private-Group-Id:1
        writer.AddRaw(expected.AsSpan(44, 21));  // Tunnel-Password:1 (random salt)
        writer.AddVendorString(VendorIds.Mikrotik, MikrotikAttributeType.RateLimit, "2M/4M");
        writer.AddVendorUInt32(VendorIds.Wispr, WisprAttributeType.BandwidthMaxUp, 512000);
        writer.AddVendorUInt32(VendorIds.ChilliSpot, ChilliSpotAttributeType.BandwidthMaxDown, 1024);
        RadiusAuthenticator.SignRequest(writer.Written, new SharedSecret(Vectors.TestingSecret));
        Assert.Equal(Vectors.RadclientCoa, Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void Writer_RefusesToGrowPast4096()
    {
        byte[] buffer = new byte[8192];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.CoaRequest, 1);
        byte[] value = new byte[253];
        for (int i = 0; i < 15; i++)
        {
            writer.Add(RadiusAttributeType.Class, value);
        }

        Assert.Equal(20 + (15 * 255), writer.Length);
        Assert.Equal(4096 - writer.Length, writer.Remaining);
        try
        {
            writer.Add(RadiusAttributeType.Class, value);
            Assert.Fail("expected an exception");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(20 + (15 * 255), writer.Length);
    }

    [Fact]
    public void Writer_KeepsLengthFieldCurrent()
    {
        byte[] buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectAck, 9);
        writer.AddMessageAuthenticator();
        writer.Add(RadiusAttributeType.ProxyState, "abc"u8);
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(buffer, out RadiusPacketReader packet));
        Assert.Equal(writer.Length, packet.Length);
        Assert.Equal(22, packet.MessageAuthenticatorOffset);
    }
}
