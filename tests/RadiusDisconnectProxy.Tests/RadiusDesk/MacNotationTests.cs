using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

public sealed class MacNotationTests
{
    [Theory]
    [InlineData("0C-C6-FD-7B-8B-AA")]
    [InlineData("0c:c6:fd:7b:8b:aa")]
    [InlineData("0cc6.fd7b.8baa")]
    [InlineData("0CC6FD7B8BAA")]
    [InlineData(" 0c c6 fd 7b 8b aa ")]
    public void ToUpperDashed_AcceptsEveryCommonNotation(string text) =>
        Assert.Equal("0C-C6-FD-7B-8B-AA", MacNotation.ToUpperDashed(text));

    [Theory]
    [InlineData("")]
    [InlineData("0C-C6-FD-7B-8B")]
    [InlineData("0C-C6-FD-7B-8B-AA-01")]
    [InlineData("0C-C6-FD-7B-8B-AG")]
    [InlineData("line-7/0/1")]
    public void ToUpperDashed_RejectsNonMacs(string text) => Assert.Null(MacNotation.ToUpperDashed(text));

    [Fact]
    public void Spellings_CoverCaseAndSeparators()
    {
        Assert.True(MacNotation.TryParse("0c-c6-fd-7b-8b-aa", out string hex12));

        Assert.Equal(
            ["0C-C6-FD-7B-8B-AA", "0c-c6-fd-7b-8b-aa", "0C:C6:FD:7B:8B:AA", "0c:c6:fd:7b:8b:aa", "0CC6FD7B8BAA", "0cc6fd7b8baa",
             "0cc6.fd7b.8baa", "0CC6.FD7B.8BAA"],
            MacNotation.Spellings(hex12));
    }

    [Theory]
    [InlineData("ap_12_cp_3", 12L)]
    [InlineData("ap_7", 7L)]
    [InlineData("ap_x_cp_3", null)]
    [InlineData("mcp_12", null)]
    [InlineData("ap_0_cp_1", null)]
    public void ParseApId_ReadsTheApdeskConvention(string nasIdentifier, long? expected) =>
        Assert.Equal(expected, CoovaNasType.ParseApId(nasIdentifier));
}
