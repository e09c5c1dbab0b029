using RadiusDisconnectProxy.Configuration.Validation;

namespace RadiusDisconnectProxy.Tests.Configuration;

public class ConfigValuesTests
{
    [Theory]
    [InlineData("300", 300_000)]
    [InlineData("300s", 300_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("0", 0)]
    public void Durations(string text, long milliseconds)
    {
        Assert.True(ConfigValues.TryParseDuration(text, out TimeSpan value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("5x")]
    [InlineData("5 minutes")]
    [InlineData("1e3")]
    [InlineData("9999h")]
    public void BadDurations(string text) => Assert.False(ConfigValues.TryParseDuration(text, out _));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("YES", true)]
    public void Booleans(string text, bool expected)
    {
        Assert.True(ConfigValues.TryParseBool(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("")]
    public void BadBooleans(string text) => Assert.False(ConfigValues.TryParseBool(text, out _));

    [Theory]
    [InlineData("1")]
    [InlineData("10.1")]
    [InlineData("host.example")]
    [InlineData("")]
    public void Addresses_RejectShorthandAndNames(string text) => Assert.False(ConfigValues.TryParseAddress(text, out _));

    [Theory]
    [InlineData("127.0.0.1:9812", true)]
    [InlineData("[::1]:9812", true)]
    [InlineData("::1:9812", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:0", false)]
    public void Endpoints(string text, bool valid) => Assert.Equal(valid, ConfigValues.TryParseEndpoint(text, out _));
}
