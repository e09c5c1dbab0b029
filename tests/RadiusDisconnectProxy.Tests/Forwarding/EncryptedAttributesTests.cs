using System.Text;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>encrypt=2 values re-keyed from the client secret to the NAS secret, checked with the codec's own cipher.</summary>
public sealed class EncryptedAttributesTests
{
    private static readonly SharedSecret s_from = new("from-secret");
    private static readonly SharedSecret s_to = new("to-secret-that-is-longer");

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("exactly-15-char")]
    [InlineData("a password longer than thirty-two octets")]
    public void TunnelPassword_DecryptsWithTheNewSecret(string password)
    {
        byte[] attribute = TunnelPasswordAttribute(password, s_from);

        Assert.True(EncryptedAttributes.TryRecryptAttribute(attribute, s_from.Bytes, s_to.Bytes));

        Assert.Equal(password, Decrypt(attribute.AsSpan(3), s_to));
        Assert.Equal(1, attribute[2]); // tag kept
    }

    [Fact]
    public void MsMppeKeyInsideAVsa_IsReKeyed_OtherSubAttributesUntouched()
    {
        Span<byte> cipher = stackalloc byte[64];
        ReadOnlySpan<byte> zeros = TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, default);
        int length = TunnelPasswordCipher.Encrypt("0123456789abcdef0123"u8, 0x8555, zeros, s_from, cipher);
        var vsa = new List<byte> { RadiusAttributeType.VendorSpecific, 0, 0, 0, 0x01, 0x37 }; // vendor 311
        vsa.AddRange([1, 5, (byte)'x', (byte)'y', (byte)'z']); // MS-CHAP-Error-ish, plain
        vsa.AddRange([16, (byte)(2 + length)]);
        vsa.AddRange(cipher[..length].ToArray());
        byte[] attribute = [.. vsa];
        attribute[1] = (byte)attribute.Length;

        Assert.True(EncryptedAttributes.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
        Assert.True(EncryptedAttributes.TryRecryptAttribute(attribute, s_from.Bytes, s_to.Bytes));

        Assert.Equal("xyz"u8.ToArray(), attribute[8..11]);
        Span<byte> plain = stackalloc byte[64];
        Assert.True(TunnelPasswordCipher.TryDecrypt(attribute.AsSpan(13), zeros, s_to, plain, out int written));
        Assert.Equal("0123456789abcdef0123", Encoding.ASCII.GetString(plain[..written]));
    }

    [Fact]
    public void OtherVendor_IsLeftAlone()
    {
        byte[] attribute = [RadiusAttributeType.VendorSpecific, 13, 0, 0, 0x3a, 0x8c, 8, 7, (byte)'2', (byte)'M', (byte)'/', (byte)'4', (byte)'M'];

        Assert.False(EncryptedAttributes.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
    }

    [Fact]
    public void MisshapenTunnelPassword_IsRefused()
    {
        byte[] attribute = [RadiusAttributeType.TunnelPassword, 8, 1, 0x80, 0x01, 1, 2, 3];

        Assert.False(EncryptedAttributes.TryRecryptAttribute(attribute, s_from.Bytes, s_to.Bytes));
    }

    private static byte[] TunnelPasswordAttribute(string password, SharedSecret secret)
    {
        Span<byte> value = stackalloc byte[253];
        value[0] = 1;
        ReadOnlySpan<byte> zeros = TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, default);
        int written = TunnelPasswordCipher.Encrypt(Encoding.UTF8.GetBytes(password), 0x9abc, zeros, secret, value[1..]);
        byte[] attribute = new byte[2 + 1 + written];
        attribute[0] = RadiusAttributeType.TunnelPassword;
        attribute[1] = (byte)attribute.Length;
        value[..(1 + written)].CopyTo(attribute.AsSpan(2));
        return attribute;
    }

    private static string? Decrypt(ReadOnlySpan<byte> saltAndCipher, SharedSecret secret)
    {
        Span<byte> plain = stackalloc byte[256];
        ReadOnlySpan<byte> zeros = TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, default);
        return TunnelPasswordCipher.TryDecrypt(saltAndCipher, zeros, secret, plain, out int written)
            ? Encoding.UTF8.GetString(plain[..written])
            : null;
    }
}
