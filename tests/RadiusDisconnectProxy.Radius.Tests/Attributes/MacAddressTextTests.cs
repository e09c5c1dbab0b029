using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Radius.Tests.Attributes;

public class MacAddressTextTests
{
    [Theory]
    [InlineData("0c-c6-fd-7b-8b-aa")]
    [InlineData("0C:C6:FD:7B:8B:AA")]
    [InlineData("0cc6.fd7b.8baa")]
    [InlineData("0CC6FD7B8BAA")]
    [InlineData(" 0c c6 fd 7b 8b aa ")]
    public void TryNormalize_AcceptsAnySeparator(string input)
    {
        Assert.True(MacAddressText.TryNormalize(input, out string dashed));
        Assert.Equal("0C-C6-FD-7B-8B-AA", dashed);
        Assert.Equal("0C:C6:FD:7B:8B:AA", MacAddressText.ToColons(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0C-C6-FD-7B-8B")]
    [InlineData("0C-C6-FD-7B-8B-AA-01")]
    [InlineData("0C-C6-FD-7B-8B-AG")]
    [InlineData("bob")]
    public void TryNormalize_RejectsNonMacs(string input)
    {
        Assert.False(MacAddressText.TryNormalize(input, out _));
        Assert.Null(MacAddressText.ToColons(input));
    }
}
