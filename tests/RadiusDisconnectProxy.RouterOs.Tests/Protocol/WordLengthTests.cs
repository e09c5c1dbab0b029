using System.Buffers;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Tests.Protocol;

public sealed class WordLengthTests
{
    [Theory]
    [InlineData(0x00, "00")]
    [InlineData(0x01, "01")]
    [InlineData(0x7F, "7F")]
    [InlineData(0x80, "8080")]
    [InlineData(0x87, "8087")]
    [InlineData(0x3FFF, "BFFF")]
    [InlineData(0x4000, "C04000")]
    [InlineData(0x4321, "C04321")]
    [InlineData(0x1FFFFF, "DFFFFF")]
    [InlineData(0x200000, "E0200000")]
    [InlineData(0x2ACDEF, "E02ACDEF")]
    [InlineData(0x0FFFFFFF, "EFFFFFFF")]
    [InlineData(0x10000000, "F010000000")]
    [InlineData(0x10000080, "F010000080")]
    public void Encode_And_Decode_Match_The_Manual(int length, string hex)
    {
        byte[] expected = Convert.FromHexString(hex);
        Span<byte> buffer = stackalloc byte[WordLength.MaxPrefixSize];

        int written = WordLength.Encode(buffer, length);

        Assert.Equal(expected, buffer[..written].ToArray());
        Assert.Equal(expected.Length, WordLength.GetEncodedSize(length));
        Assert.Equal(OperationStatus.Done, WordLength.TryDecode(expected, out int decoded, out int consumed));
        Assert.Equal(length, decoded);
        Assert.Equal(expected.Length, consumed);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("C040")]
    [InlineData("E02000")]
    [InlineData("F0100000")]
    [InlineData("")]
    public void Decode_Of_A_Truncated_Prefix_Needs_More_Data(string hex)
    {
        Assert.Equal(OperationStatus.NeedMoreData, WordLength.TryDecode(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void Decode_Rejects_Every_Control_Byte()
    {
        for (int first = 0xF1; first <= 0xFF; first++)
        {
            byte[] prefix = [(byte)first, 0, 0, 0, 1];
            Assert.Equal(OperationStatus.InvalidData, WordLength.TryDecode(prefix, out _, out _));
        }
    }

    [Fact]
    public void Decode_Rejects_A_Five_Byte_Length_Above_Int32()
    {
        Assert.Equal(OperationStatus.InvalidData, WordLength.TryDecode(Convert.FromHexString("F080000000"), out _, out _));
    }
}
