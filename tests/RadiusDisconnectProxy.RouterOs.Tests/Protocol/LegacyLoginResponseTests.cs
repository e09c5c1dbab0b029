using RadiusDisconnectProxy.RouterOs.Connections;

namespace RadiusDisconnectProxy.RouterOs.Tests.Protocol;

public sealed class LegacyLoginResponseTests
{
    [Theory]
    [InlineData("ebddd18303a54111e2dea05a92ab46b4", "", "001ea726ed53ae38520c8334f82d44c9f2")]
    [InlineData("abc123", "passTest", "0021277bff9ac7caf06aa608e46616d47f")]
    [InlineData("aabbccddeeff00112233445566778899", "secret", "00a8bfd49490a32a90532cbac11691aae2")]
    public void Computes_The_Documented_Responses(string challenge, string password, string expected)
    {
        Assert.True(LegacyLoginResponse.TryCompute(password, challenge, out string response));
        Assert.Equal(expected, response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz11")]
    public void Rejects_A_Challenge_That_Is_Not_Hex(string challenge)
    {
        Assert.False(LegacyLoginResponse.TryCompute("x", challenge, out _));
    }
}
