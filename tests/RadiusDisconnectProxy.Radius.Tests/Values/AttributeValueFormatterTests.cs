using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Values;

namespace RadiusDisconnectProxy.Radius.Tests.Values;

public class AttributeValueFormatterTests
{
    [Theory]
    [InlineData(RadiusDataType.String, "bob", "626f62")]
    [InlineData(RadiusDataType.String, "Grüße", "4772c3bc c39f65")]
    [InlineData(RadiusDataType.Octets, "0x0102ff", "0102ff")]
    [InlineData(RadiusDataType.IPAddr, "10.0.0.5", "0a000005")]
    [InlineData(RadiusDataType.IPv6Addr, "2001:db8::1", "20010db8000000000000000000000001")]
    [InlineData(RadiusDataType.IPv6Prefix, "3a00::/8", "00083a")]
    [InlineData(RadiusDataType.IPv6Prefix, "2001:db8::/32", "002020010db8")]
    [InlineData(RadiusDataType.IPv4Prefix, "192.0.2.0/24", "0018c0000200")]
    [InlineData(RadiusDataType.Integer, "4294967295", "ffffffff")]
    [InlineData(RadiusDataType.Byte, "200", "c8")]
    [InlineData(RadiusDataType.Short, "3799", "0ed7")]
    [InlineData(RadiusDataType.Signed, "-2", "fffffffe")]
    [InlineData(RadiusDataType.Integer64, "5000000000", "000000012a05f200")]
    [InlineData(RadiusDataType.Date, "1764064800", "69257e20")]
    [InlineData(RadiusDataType.Ether, "00:11:22:aa:bb:cc", "001122aabbcc")]
    [InlineData(RadiusDataType.Ifid, "0011:2233:4455:6677", "0011223344556677")]
    [InlineData(RadiusDataType.ComboIp, "192.0.2.1", "c0000201")]
    [InlineData(RadiusDataType.ComboIp, "::1", "00000000000000000000000000000001")]
    [InlineData(RadiusDataType.Tlv, "0x0103616263", "0103616263")]
    [InlineData(RadiusDataType.Abinary, "0x0001", "0001")]
    [InlineData(RadiusDataType.Bool, "yes", "01")]
    public void EveryType_FormatsAsRadclientText(RadiusDataType type, string text, string wireHex)
    {
        byte[] wire = Convert.FromHexString(wireHex.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(text, AttributeValueFormatter.Format(type, null, wire));
    }

    [Theory]
    [InlineData(RadiusDataType.IPAddr, "0a0000")]
    [InlineData(RadiusDataType.Integer, "0102")]
    [InlineData(RadiusDataType.Date, "01020304ff")]
    [InlineData(RadiusDataType.Ether, "0011")]
    [InlineData(RadiusDataType.IPv6Prefix, "00ff3a")]
    public void WrongLengths_ShowAsHex(RadiusDataType type, string wireHex)
    {
        Assert.Equal("0x" + wireHex, AttributeValueFormatter.Format(type, null, Convert.FromHexString(wireHex)));
    }

    [Fact]
    public void IntegerValues_UseDictionaryNames()
    {
        Assert.True(ShippedDictionaryTests.Shipped.TryGetAttribute("Error-Cause", out DictionaryAttribute errorCause));
        Assert.Equal("Session-Context-Not-Found", AttributeValueFormatter.Format(errorCause, [0, 0, 1, 0xf7]));
        Assert.Equal("209", AttributeValueFormatter.Format(errorCause, [0, 0, 0, 209]));
    }

    [Fact]
    public void InvalidUtf8_IsEscapedOctal()
    {
        Assert.Equal("a\\377b", AttributeValueFormatter.Format(RadiusDataType.String, null, [0x61, 0xff, 0x62]));
    }
}
