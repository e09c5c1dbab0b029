using System.Security.Cryptography;
using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.Radius.Tests.Crypto;

/// <summary>The managed MD5 must equal the platform's on every input, however it is fed.</summary>
public class Md5StateTests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Rfc1321TestSuite(string input, string digest)
    {
        var md5 = Md5State.Create();
        md5.Append(System.Text.Encoding.ASCII.GetBytes(input));
        byte[] output = new byte[16];
        md5.Finish(output);
        Assert.Equal(digest, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void EqualsPlatformMd5_OnRandomInputsAndSplits()
    {
        var random = new Random(1321);
        byte[] data = new byte[4200];
        byte[] expected = new byte[16];
        byte[] actual = new byte[16];
        for (int round = 0; round < 3000; round++)
        {
            int length = round < 200 ? round : random.Next(data.Length);
            random.NextBytes(data.AsSpan(0, length));
            MD5.HashData(data.AsSpan(0, length), expected);

            var md5 = Md5State.Create();
            int offset = 0;
            while (offset < length)
            {
                int piece = Math.Min(length - offset, random.Next(0, 130));
                md5.Append(data.AsSpan(offset, piece));
                offset += piece;
            }

            md5.Finish(actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void CopiedMidState_ContinuesIndependently()
    {
        var start = Md5State.Create();
        start.Append(new byte[100]);
        Md5State copy = start;
        start.Append("a"u8);
        copy.Append("b"u8);
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        start.Finish(a);
        copy.Finish(b);
        Assert.Equal(MD5.HashData([.. new byte[100], (byte)'a']), a);
        Assert.Equal(MD5.HashData([.. new byte[100], (byte)'b']), b);
    }
}
