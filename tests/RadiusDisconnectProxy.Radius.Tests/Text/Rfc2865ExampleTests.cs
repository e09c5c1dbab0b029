using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

/// <summary>RFC 2865 §7.1: the Access-Request and Access-Accept of the example, secret "xyzzy5461".</summary>
public class Rfc2865ExampleTests
{
    private const string Request = "0100003 80f403f9473978057bd83d5cb98f4227a01066e656d6f02120dbe708d93d413ce3196e43f782a0aee0406c0a8011005060000000 3";
    private const string Accept = "0200002686fe220e7624ba2a1005f6bf9b55e0b2060600000001 0f06000000000e06c0a80103";

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    [Fact]
    public void Request_RevealsUserPassword()
    {
        var options = new PacketDecodeOptions { Secret = new SharedSecret("xyzzy5461") };
        Assert.Equal(PacketParseError.None, PacketDecoder.TryDecode(Bytes(Request), ShippedDictionaryTests.Shipped, options, out DecodedPacket? packet));
        Assert.Equal(
            ["User-Name = \"nemo\"", "User-Password = \"arctangent\"", "NAS-IP-Address = 192.168.1.16", "NAS-Port = 3"],
            packet!.Attributes.Select(AttributeLine.Format));
    }

    [Fact]
    public void Accept_HasAValidResponseAuthenticator()
    {
        byte[] request = Bytes(Request);
        var secret = new SharedSecret("xyzzy5461");
        Assert.True(RadiusAuthenticator.VerifyResponseAuthenticator(Bytes(Accept), request.AsSpan(4, 16), secret));
        Assert.False(RadiusAuthenticator.VerifyResponseAuthenticator(Bytes(Accept), new byte[16], secret));
        var options = new PacketDecodeOptions { Secret = secret, RequestAuthenticator = request.AsMemory(4, 16) };
        Assert.Equal(PacketParseError.None, PacketDecoder.TryDecode(Bytes(Accept), ShippedDictionaryTests.Shipped, options, out DecodedPacket? packet));
        Assert.True(packet!.ResponseAuthenticatorValid);
        Assert.Equal(
            ["Service-Type = Login-User", "Login-Service = Telnet", "Login-IP-Host = 192.168.1.3"],
            packet.Attributes.Select(AttributeLine.Format));
    }
}
