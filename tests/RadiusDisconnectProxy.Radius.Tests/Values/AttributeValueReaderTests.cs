using System.Net;
using RadiusDisconnectProxy.Radius.Values;

namespace RadiusDisconnectProxy.Radius.Tests.Values;

public class AttributeValueReaderTests
{
    [Fact]
    public void Reads_EachTypeAndRejectsWrongLengths()
    {
        Assert.True(AttributeValueReader.TryReadUInt32([0, 0, 1, 0xf7], out uint u32));
        Assert.Equal(503u, u32);
        Assert.False(AttributeValueReader.TryReadUInt32([0, 1, 0xf7], out _));
        Assert.True(AttributeValueReader.TryReadUInt64([0, 0, 0, 1, 0x2a, 0x05, 0xf2, 0], out ulong u64));
        Assert.Equal(5000000000ul, u64);
        Assert.True(AttributeValueReader.TryReadUInt16([0x0e, 0xd7], out ushort u16));
        Assert.Equal(3799, u16);
        Assert.True(AttributeValueReader.TryReadInt32([0xff, 0xff, 0xff, 0xfe], out int s32));
        Assert.Equal(-2, s32);
        Assert.True(AttributeValueReader.TryReadIPAddress([10, 0, 0, 5], out IPAddress? v4));
        Assert.Equal(IPAddress.Parse("10.0.0.5"), v4);
        Assert.False(AttributeValueReader.TryReadIPAddress([10, 0, 0], out _));
        Assert.True(AttributeValueReader.TryReadPrefix([0, 8, 0x3a], ipv6: true, out IPAddress? prefix, out int length));
        Assert.Equal((IPAddress.Parse("3a00::"), 8), (prefix, length));
        Assert.False(AttributeValueReader.TryReadPrefix([0, 33, 10, 0, 0, 0], ipv6: false, out _, out _));
        Assert.True(AttributeValueReader.TryReadDate([0x69, 0x25, 0x7e, 0x20], out DateTimeOffset date));
        Assert.Equal(1764064800, date.ToUnixTimeSeconds());
        Assert.Equal("bob", AttributeValueReader.ReadString("bob"u8));
    }
}
