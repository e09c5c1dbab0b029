using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Radius.Tests.Attributes;

public class EventTimestampTests
{
    [Fact]
    public void TryRead_DecodesSecondsSince1970()
    {
        Assert.True(EventTimestamp.TryRead([0x69, 0x25, 0x7e, 0x20], out DateTimeOffset time));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764064800), time);
        Assert.Equal(1764064800u, EventTimestamp.ToWire(time));
        Assert.False(EventTimestamp.TryRead([1, 2, 3], out _));
    }

    [Fact]
    public void IsWithinWindow_IsSymmetric()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1000);
        Assert.True(EventTimestamp.IsWithinWindow(now.AddSeconds(-300), now, TimeSpan.FromSeconds(300)));
        Assert.True(EventTimestamp.IsWithinWindow(now.AddSeconds(300), now, TimeSpan.FromSeconds(300)));
        Assert.False(EventTimestamp.IsWithinWindow(now.AddSeconds(-301), now, TimeSpan.FromSeconds(300)));
    }
}
