using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Radius.Tests.Attributes;

/// <summary>The one MAC parser: every notation the old per-area parsers accepted, and nothing they all rejected.</summary>
public class MacAddressTests
{
    [Theory]
    [InlineData("0c-c6-fd-7b-8b-aa")]
    [InlineData("0C-C6-FD-7B-8B-AA")]
    [InlineData("0c:c6:fd:7b:8b:aa")]
    [InlineData("0C:C6:FD:7B:8B:AA")]
    [InlineData("0cc6.fd7b.8baa")]
    [InlineData("0CC6.FD7B.8BAA")]
    [InlineData("0CC6FD7B8BAA")]
    [InlineData("0cc6fd7b8baa")]
    [InlineData(" 0c c6 fd 7b 8b aa ")]
    [InlineData("\t0C-C6-FD-7B-8B-AA\n")]
    [InlineData("0c-c6:fd.7b 8baa")]
    public void TryParse_AcceptsEveryNotation(string text)
    {
        Assert.True(MacAddress.TryParse(text, out MacAddress mac));
        Assert.Equal("0C-C6-FD-7B-8B-AA", mac.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0C-C6-FD-7B-8B")]
    [InlineData("0C-C6-FD-7B-8B-AA-01")]
    [InlineData("0C-C6-FD-7B-8B-AG")]
    [InlineData("g4:4b:d1:00:97:49")]
    [InlineData("bob")]
    [InlineData("alice")]
    [InlineData("line-7/0/1")]
    [InlineData("0C_C6_FD_7B_8B_AA")]
    [InlineData("0C-C6-FD\t7B-8B-AA")]
    public void TryParse_RejectsNonMacs(string text) => Assert.False(MacAddress.TryParse(text, out _));

    [Theory]
    [InlineData(MacAddressNotation.Dashes, false, "0C-C6-FD-7B-8B-AA")]
    [InlineData(MacAddressNotation.Dashes, true, "0c-c6-fd-7b-8b-aa")]
    [InlineData(MacAddressNotation.Colons, false, "0C:C6:FD:7B:8B:AA")]
    [InlineData(MacAddressNotation.Colons, true, "0c:c6:fd:7b:8b:aa")]
    [InlineData(MacAddressNotation.Dots, true, "0cc6.fd7b.8baa")]
    [InlineData(MacAddressNotation.Dots, false, "0CC6.FD7B.8BAA")]
    [InlineData(MacAddressNotation.Bare, false, "0CC6FD7B8BAA")]
    [InlineData(MacAddressNotation.Bare, true, "0cc6fd7b8baa")]
    public void Format_EveryNotation(MacAddressNotation notation, bool lowerCase, string expected)
    {
        Assert.True(MacAddress.TryParse("0c:c6:fd:7b:8b:aa", out MacAddress mac));
        Assert.Equal(expected, mac.Format(notation, lowerCase));
    }

    [Fact]
    public void Equality_IgnoresNotation()
    {
        Assert.True(MacAddress.TryParse("c44b.d100.9749", out MacAddress a));
        Assert.True(MacAddress.TryParse("C4-4B-D1-00-97-49", out MacAddress b));
        Assert.True(MacAddress.TryParse("ff:ff:ff:ff:ff:ff", out MacAddress c));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.NotEqual(a, c);
        Assert.Equal("FF-FF-FF-FF-FF-FF", c.ToString());
    }
}
