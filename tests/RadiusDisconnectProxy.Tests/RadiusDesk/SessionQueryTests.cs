using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

public sealed class SessionQueryTests
{
    [Fact]
    public void Spellings_CoverCaseAndSeparators()
    {
        Assert.True(MacAddress.TryParse("0c-c6-fd-7b-8b-aa", out MacAddress mac));

        Assert.Equal(
            ["0C-C6-FD-7B-8B-AA", "0c-c6-fd-7b-8b-aa", "0C:C6:FD:7B:8B:AA", "0c:c6:fd:7b:8b:aa", "0CC6FD7B8BAA", "0cc6fd7b8baa",
             "0cc6.fd7b.8baa", "0CC6.FD7B.8BAA"],
            SessionQuery.Spellings(mac));
    }

    [Theory]
    [InlineData("ap_12_cp_3", 12L)]
    [InlineData("ap_7", 7L)]
    [InlineData("ap_x_cp_3", null)]
    [InlineData("mcp_12", null)]
    [InlineData("ap_0_cp_1", null)]
    public void ParseApId_ReadsTheApdeskConvention(string nasIdentifier, long? expected) =>
        Assert.Equal(expected, RadiusDisconnectProxy.Drivers.Coova.CoovaNasType.ParseApId(nasIdentifier));
}
