using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

public class RadiusTextFormatterTests
{
    [Fact]
    public void FormatAttributes_OneLogLine_HidesSecrets()
    {
        string line = RadiusTextFormatter.FormatAttributes(Vectors.Bytes(Vectors.RadclientCoa), ShippedDictionaryTests.Shipped);
        Assert.Equal(
            "User-Name = \"alice\", Tunnel-Type:1 = VLAN, Tunnel-Medium-Type:1 = IEEE-802, Tunnel-Private-Group-Id:1 = \"42\", "
            + "Tunnel-Password:1 = ***, Mikrotik-Rate-Limit = \"2M/4M\", WISPr-Bandwidth-Max-Up = 512000, ChilliSpot-Bandwidth-Max-Down = 1024",
            line);
    }

    [Fact]
    public void FormatAttributes_NamesTheParseError()
    {
        Assert.Equal("<malformed: AttributeOverrun>",
            RadiusTextFormatter.FormatAttributes(Convert.FromHexString("2801001700000000000000000000000000000000010562"), ShippedDictionaryTests.Shipped));
    }

    [Fact]
    public void Format_EscapesQuotesAndControlCharacters()
    {
        Assert.Equal("Reply-Message = \"say \\\"hi\\\"\\n\\001\"", RadiusTextFormatter.Format(new DecodedAttribute(18, "Reply-Message", "say \"hi\"\n\u0001") { IsText = true }));
    }
}
