using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

public class PacketDecoderTests
{
    private static DecodedPacket Decode(string hex, RadiusDictionary? dictionary = null, PacketDecodeOptions? options = null)
    {
        Assert.Equal(PacketParseError.None, PacketDecoder.TryDecode(Convert.FromHexString(hex), dictionary ?? ShippedDictionaryTests.Shipped,
            options ?? PacketDecodeOptions.None, out DecodedPacket? packet));
        return packet!;
    }

    private static string Lines(DecodedPacket packet) => string.Join("\n", packet.Attributes.Select(AttributeLine.Format));

    [Fact]
    public void RadclientCoa_DecodesNamesTagsVendorsAndTunnelPassword()
    {
        DecodedPacket packet = Decode(Vectors.RadclientCoa, options: new PacketDecodeOptions { Secret = new SharedSecret(Vectors.TestingSecret) });
        Assert.Equal(RadiusCode.CoaRequest, packet.Code);
        Assert.True(packet.RequestAuthenticatorValid);
        Assert.Null(packet.MessageAuthenticatorValid);
        Assert.Null(packet.ResponseAuthenticatorValid);
        Assert.Equal("""
            User-Name = "alice"
            Tunnel-Type:1 = VLAN
            Tunnel-Medium-Type:1 = IEEE-802
            Tunnel-Private-Group-Id:1 = "42"
            Tunnel-Password:1 = "s3cr3t-pw"
            Mikrotik-Rate-Limit = "2M/4M"
            WISPr-Bandwidth-Max-Up = 512000
            ChilliSpot-Bandwidth-Max-Down = 1024
            """, Lines(packet));
        DecodedAttribute rateLimit = packet.Attributes[5];
        Assert.Equal(((byte)26, 14988u, 8u), (rateLimit.Type, rateLimit.VendorId!.Value, rateLimit.VendorType!.Value));
    }

    [Fact]
    public void WithoutSecret_PasswordsStayHexAndValidityIsLeftOut()
    {
        DecodedPacket packet = Decode(Vectors.RadclientCoa);
        Assert.Null(packet.RequestAuthenticatorValid);
        Assert.StartsWith("0x82de", packet.Attributes[4].Value, StringComparison.Ordinal);
        Assert.Equal(1, packet.Attributes[4].Tag);
    }

    [Fact]
    public void WrongSecret_ReportsInvalidAndDoesNotReveal()
    {
        DecodedPacket packet = Decode(Vectors.RadclientDisconnect, options: new PacketDecodeOptions { Secret = new SharedSecret("wrong") });
        Assert.False(packet.RequestAuthenticatorValid);
        Assert.False(packet.MessageAuthenticatorValid);
    }

    [Fact]
    public void RadclientDisconnect_DecodesEveryAttribute()
    {
        DecodedPacket packet = Decode(Vectors.RadclientDisconnect, options: new PacketDecodeOptions { Secret = new SharedSecret(Vectors.TestingSecret) });
        Assert.True(packet.RequestAuthenticatorValid);
        Assert.True(packet.MessageAuthenticatorValid);
        Assert.Equal("""
            User-Name = "bob"
            Acct-Session-Id = "5A3B0001"
            NAS-IP-Address = 10.0.0.1
            Calling-Station-Id = "0C-C6-FD-7B-8B-AA"
            Event-Timestamp = 1764064800
            Message-Authenticator = 0xb18bfb895f3deb1585f9d838fae220d8
            """, Lines(packet));
    }

    [Fact]
    public void AccessRequest_RevealsUserPasswordWithSecret()
    {
        DecodedPacket packet = Decode(Vectors.RadclientAccessRequest, options: new PacketDecodeOptions { Secret = new SharedSecret("s3cret") });
        Assert.Equal("\"hello-world-1234567\"", AttributeLine.Format(packet.Attributes[1])[16..]);
        Assert.True(packet.MessageAuthenticatorValid);
        Assert.Null(packet.RequestAuthenticatorValid);
    }

    [Fact]
    public void Response_IsCheckedOnlyWithTheRequestAuthenticator()
    {
        var secret = new SharedSecret("s");
        byte[] requestAuth = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
        byte[] buffer = new byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectNak, 7);
        writer.AddMessageAuthenticator();
        writer.AddUInt32(101, 503);
        RadiusAuthenticator.SignResponse(writer.Written, requestAuth, secret);
        string hex = Convert.ToHexStringLower(writer.Written);

        DecodedPacket without = Decode(hex, options: new PacketDecodeOptions { Secret = secret });
        Assert.Null(without.ResponseAuthenticatorValid);
        Assert.Null(without.MessageAuthenticatorValid);
        DecodedPacket with = Decode(hex, options: new PacketDecodeOptions { Secret = secret, RequestAuthenticator = requestAuth });
        Assert.True(with.ResponseAuthenticatorValid);
        Assert.True(with.MessageAuthenticatorValid);
        Assert.Equal("Error-Cause = Session-Context-Not-Found", AttributeLine.Format(with.Attributes[1]));
        DecodedPacket wrong = Decode(hex, options: new PacketDecodeOptions { Secret = secret, RequestAuthenticator = new byte[16] });
        Assert.False(wrong.ResponseAuthenticatorValid);
    }

    [Theory]
    [InlineData("f106016 26f62", "Attr-241.1", "0x626f62")]
    [InlineData("f10c1a000000010474657374", "Attr-241.26.1.4", "0x74657374")]
    [InlineData("c90462 6f", "Attr-201", "0x626f")]
    [InlineData("1a0c00004e2001066162 6364", "Attr-26.20000.1", "0x61626364")]
    [InlineData("1a0900003a8c0801ff", "Attr-26.14988", "0x0801ff")]
    [InlineData("f507010062 6f62", "Attr-245.1", "0x626f62")]
    public void UnknownAttributes_GetFreeRadiusNames(string attributeHex, string name, string value)
    {
        string attributes = attributeHex.Replace(" ", string.Empty, StringComparison.Ordinal);
        DecodedPacket packet = Decode(Header(attributes) + attributes, RadiusDictionary.Empty);
        Assert.Equal(name, packet.Attributes.Single().Name);
        Assert.Equal(value, packet.Attributes.Single().Value);
    }

    [Fact]
    public void ExtendedAndLongExtended_UseRfc6929Layout()
    {
        // radius-protocol.md A.16: 241.1 "bob"; 245.1 split over two fragments with the M flag.
        using var files = new TempDictionary(("dictionary", """
            ATTRIBUTE	E1	241	extended
            ATTRIBUTE	E5	245	long-extended
            ATTRIBUTE	Ext-Text	241.1	string
            ATTRIBUTE	Long-Text	245.1	string
            VENDOR	V	1
            ATTRIBUTE	Evs-1	241.26	evs
            BEGIN-VENDOR	V	format=Extended-Vendor-Specific-1
            ATTRIBUTE	V-Test	4	string
            END-VENDOR	V
            """));
        const string Attributes = "f106016 26f62" + "f50601806 26f" + "f5050100 62" + "f10c1a000000010474657374";
        string hex = Attributes.Replace(" ", string.Empty, StringComparison.Ordinal);
        DecodedPacket packet = Decode(Header(hex) + hex, files.Load());
        Assert.Equal(["Ext-Text = \"bob\"", "Long-Text = \"bob\"", "V-Test = \"test\""], packet.Attributes.Select(AttributeLine.Format));
        Assert.Equal((byte)241, packet.Attributes[0].Type);
        Assert.Equal((byte)1, packet.Attributes[0].ExtendedType);
        Assert.Equal((1u, 4u), (packet.Attributes[2].VendorId!.Value, packet.Attributes[2].VendorType!.Value));
    }

    [Fact]
    public void VendorFormats_FollowTheDictionary()
    {
        using var files = new TempDictionary(("dictionary", """
            VENDOR	L	4846	format=2,1
            VENDOR	U	429	format=4,0
            VENDOR	S	8164	format=2,2
            VENDOR	W	24757	format=1,1,c
            ATTRIBUTE	L-Big	26.4846.1792	integer
            ATTRIBUTE	U-Int	26.429.36864	integer
            ATTRIBUTE	S-Text	26.8164.2	string
            ATTRIBUTE	W-Cap	26.24757.1	tlv
            ATTRIBUTE	W-Release	26.24757.1.1	string
            """));
        string attributes =
            "1a0d000012ee" + "0700" + "07" + "00000005"       // 2,1
            + "1a0e000001ad" + "00009000" + "00000009"       // 4,0
            + "1a0d00001fe4" + "0002" + "0007" + "616263"    // 2,2
            + "1a0e000060b5" + "01" + "08" + "00" + "0105332e30"; // 1,1,c with a TLV inside
        DecodedPacket packet = Decode(Header(attributes) + attributes, files.Load());
        Assert.Equal(["L-Big = 5", "U-Int = 9", "S-Text = \"abc\"", "W-Release = \"3.0\""], packet.Attributes.Select(AttributeLine.Format));
        Assert.Equal(1792u, packet.Attributes[0].VendorType);
    }

    [Fact]
    public void TwoSubAttributesInOneVsa_DecodeSeparately()
    {
        string attributes = "1a1200003a8c" + "0807324d2f344d" + "1305616263";
        DecodedPacket packet = Decode(Header(attributes) + attributes);
        Assert.Equal(["Mikrotik-Rate-Limit = \"2M/4M\"", "Mikrotik-Address-List = \"abc\""], packet.Attributes.Select(AttributeLine.Format));
    }

    [Fact]
    public void Malformed_ReturnsTheParseError()
    {
        Assert.Equal(PacketParseError.AttributeOverrun,
            PacketDecoder.TryDecode(Convert.FromHexString("2801001700000000000000000000000000000000010562"), RadiusDictionary.Empty, PacketDecodeOptions.None, out _));
    }

    private static string Header(string attributesHex) =>
        "2b01" + (20 + (attributesHex.Length / 2)).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 32);
}
