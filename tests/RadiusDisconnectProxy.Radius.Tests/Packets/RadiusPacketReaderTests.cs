using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Tests.Packets;

public class RadiusPacketReaderTests
{
    [Fact]
    public void TryParse_ReadsHeaderAndAttributes()
    {
        byte[] bytes = Vectors.Bytes(Vectors.RadclientDisconnect);
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Assert.Equal(RadiusCode.DisconnectRequest, packet.Code);
        Assert.Equal(0x60, packet.Identifier);
        Assert.Equal(84, packet.Length);
        Assert.Equal("099d0802cac97231d39c316952593360", Convert.ToHexStringLower(packet.Authenticator));
        var types = new List<byte>();
        foreach (RadiusAttributeView attribute in packet)
        {
            types.Add(attribute.Type);
        }

        Assert.Equal(new byte[] { 1, 44, 4, 31, 55, 80 }, types);
        Assert.Equal(84 - 16, packet.MessageAuthenticatorOffset);
        Assert.True(packet.TryGetAttribute(RadiusAttributeType.UserName, out ReadOnlySpan<byte> user));
        Assert.Equal("bob"u8.ToArray(), user.ToArray());
    }

    [Fact]
    public void TryParse_CutsPaddingAfterLength()
    {
        byte[] bytes = [.. Vectors.Bytes(Vectors.FlexinetsDisconnect), 0xAA, 0xBB];
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Assert.Equal(30, packet.Span.Length);
        Assert.Equal(-1, packet.MessageAuthenticatorOffset);
    }

    [Theory]
    [InlineData("2801001e", PacketParseError.TooShort)]
    [InlineData("28010013000000000000000000000000000000000000", PacketParseError.TooShort)]
    [InlineData("28011001000000000000000000000000000000000000", PacketParseError.TooLong)]
    [InlineData("28010020000000000000000000000000000000000000", PacketParseError.DatagramShorterThanLength)]
    [InlineData("280100160000000000000000000000000000000001000000", PacketParseError.AttributeTooShort)]
    [InlineData("2801001700000000000000000000000000000000010100", PacketParseError.AttributeTooShort)]
    [InlineData("28010015000000000000000000000000000000000100", PacketParseError.AttributeTooShort)]
    [InlineData("2801001700000000000000000000000000000000010562", PacketParseError.AttributeOverrun)]
    [InlineData("28010028000000000000000000000000000000005014000000000000000000000000000000000000", PacketParseError.MessageAuthenticatorBadLength)]
    [InlineData("2801001800000000000000000000000000000000500400000000", PacketParseError.MessageAuthenticatorBadLength)]
    [InlineData("1a", PacketParseError.TooShort)]
    [InlineData("2801001a000000000000000000000000000000001a0600003a8c", PacketParseError.VendorSpecificTooShort)]
    public void TryParse_RejectsMalformedShapes(string hex, PacketParseError expected)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.Equal(expected, RadiusPacketReader.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_RejectsSecondMessageAuthenticator()
    {
        byte[] ma = [80, 18, .. new byte[16]];
        byte[] bytes = [0x28, 1, 0, 56, .. new byte[16], .. ma, .. ma];
        Assert.Equal(PacketParseError.DuplicateMessageAuthenticator, RadiusPacketReader.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_AcceptsEmptyAttributeValue()
    {
        byte[] bytes = [0x28, 1, 0, 22, .. new byte[16], 18, 2];
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Assert.True(packet.TryGetAttribute(18, out ReadOnlySpan<byte> value));
        Assert.True(value.IsEmpty);
    }

    [Fact]
    public void TryParse_NeverThrowsOnRandomInput()
    {
        var random = new Random(5176);
        byte[] buffer = new byte[300];
        for (int i = 0; i < 20000; i++)
        {
            int length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length >= 4 && random.Next(2) == 0)
            {
                buffer[2] = (byte)(length >> 8);
                buffer[3] = (byte)length;
            }

            if (RadiusPacketReader.TryParse(buffer.AsSpan(0, length), out RadiusPacketReader packet) == PacketParseError.None)
            {
                int total = 20;
                foreach (RadiusAttributeView attribute in packet)
                {
                    total += attribute.Length;
                }

                Assert.Equal(packet.Length, total);
            }
        }
    }
}
