using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;

namespace RadiusDisconnectProxy.Radius.Tests.Crypto;

/// <summary>encrypt=2 values, as the loaded dictionary marks them, re-keyed from one secret to another.</summary>
public sealed class SaltEncryptedAttributesTests
{
    private static readonly SharedSecret s_from = new("from-secret");
    private static readonly SharedSecret s_to = new("to-secret-that-is-longer");
    private static readonly SaltEncryptedAttributes s_shipped = SaltEncryptedAttributes.From(ShippedDictionaryTests.Shipped);

    private static ReadOnlySpan<byte> Zeros => TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, default);

    [Fact]
    public void ShippedDictionary_MarksTheAttributesTheForwarderAlwaysReKeyed()
    {
        // Tunnel-Password; MS-MPPE-Send/Recv-Key; Lancom IKEv2 passwords (tagged); ERX and Alcatel-Lucent SR lawful
        // intercept and Alc-APN-Password; Aruba-MPSK-Passphrase: the encrypt=2 attributes a CoA can plausibly carry.
        var expected = new HashSet<(uint Vendor, uint Type, bool Tagged)>
        {
            (0, 69, true), (311, 16, false), (311, 17, false), (2356, 19, true), (2356, 20, true),
            (4874, 58, false), (4874, 59, false), (4874, 60, false), (4874, 61, false),
            (6527, 122, false), (6527, 123, false), (6527, 124, false), (6527, 125, false), (6527, 138, false),
            (6527, 139, false), (6527, 142, false), (14823, 44, false),
        };
        var found = new HashSet<(uint, uint, bool)>();
        foreach (uint vendor in ShippedDictionaryTests.Shipped.Vendors.Keys.Append(0u).Append(9u))
        {
            for (uint type = 0; type < 256; type++)
            {
                if (s_shipped.IsEncrypted(vendor, type, out bool tagged))
                {
                    found.Add((vendor, type, tagged));
                }
            }
        }

        Assert.Equal(expected.Order(), found.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("exactly-15-char")]
    [InlineData("a password longer than thirty-two octets")]
    public void TunnelPassword_DecryptsWithTheNewSecret_SaltAndLengthKept(string password)
    {
        byte[] attribute = TaggedAttribute(RadiusAttributeType.TunnelPassword, password, s_from);
        byte[] before = (byte[])attribute.Clone();

        Assert.True(s_shipped.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
        Assert.True(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));

        Assert.Equal(password, Decrypt(attribute.AsSpan(3), s_to));
        Assert.Equal(before[..5], attribute[..5]); // type, length, tag, salt
        Assert.NotEqual(before, attribute);
    }

    [Fact]
    public void MsMppeKeyInsideAVsa_IsReKeyed_OtherSubAttributesUntouched()
    {
        Span<byte> cipher = stackalloc byte[64];
        int length = TunnelPasswordCipher.Encrypt("0123456789abcdef0123"u8, 0x8555, Zeros, s_from, cipher);
        var vsa = new List<byte> { RadiusAttributeType.VendorSpecific, 0, 0, 0, 0x01, 0x37 }; // vendor 311
        vsa.AddRange([1, 5, (byte)'x', (byte)'y', (byte)'z']); // MS-CHAP-Error-ish, plain
        vsa.AddRange([16, (byte)(2 + length)]);
        vsa.AddRange(cipher[..length].ToArray());
        byte[] attribute = [.. vsa];
        attribute[1] = (byte)attribute.Length;

        Assert.True(s_shipped.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
        Assert.True(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));

        Assert.Equal("xyz"u8.ToArray(), attribute[8..11]);
        Assert.Equal("0123456789abcdef0123", Decrypt(attribute.AsSpan(13), s_to));
    }

    [Fact]
    public void TaggedVendorAttribute_KeepsItsTag()
    {
        byte[] inner = TaggedAttribute(20, "ike-secret", s_from); // LCS-IKEv2-Remote-Password
        byte[] attribute = [RadiusAttributeType.VendorSpecific, (byte)(6 + inner.Length), 0, 0, 0x09, 0x34, .. inner]; // vendor 2356

        Assert.True(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));

        Assert.Equal(1, attribute[8]);
        Assert.Equal("ike-secret", Decrypt(attribute.AsSpan(9), s_to));
    }

    [Fact]
    public void OtherVendor_IsLeftAlone()
    {
        byte[] attribute = [RadiusAttributeType.VendorSpecific, 13, 0, 0, 0x3a, 0x8c, 8, 7, (byte)'2', (byte)'M', (byte)'/', (byte)'4', (byte)'M'];

        Assert.False(s_shipped.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
        Assert.False(s_shipped.MayContainEncrypted(RadiusAttributeType.UserName, "bob"u8));
    }

    [Fact]
    public void MisshapenTunnelPassword_IsRefused()
    {
        byte[] attribute = [RadiusAttributeType.TunnelPassword, 8, 1, 0x80, 0x01, 1, 2, 3];

        Assert.False(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));
    }

    [Fact]
    public void WrongClientSecret_IsRefused_AndTheValueIsUntouched()
    {
        // A value hidden with another secret whose length octet decrypts (with ours) to more than the cipher holds.
        byte[] attribute = Enumerable.Range(0, 100)
            .Select(i => TaggedAttribute(RadiusAttributeType.TunnelPassword, "a", new SharedSecret($"someone-else-{i}")))
            .First(a => Decrypt(a.AsSpan(3), s_from) is null);
        byte[] before = (byte[])attribute.Clone();

        Assert.False(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));
        Assert.Equal(before, attribute);
    }

    [Fact]
    public void VsaWhoseLayoutDoesNotAddUp_IsForwardedUnchanged()
    {
        byte[] attribute = [RadiusAttributeType.VendorSpecific, 10, 0, 0, 0x01, 0x37, 16, 9, 1, 2];
        byte[] before = (byte[])attribute.Clone();

        Assert.True(s_shipped.TryRecrypt(attribute, Zeros, s_from.Bytes, s_to.Bytes));
        Assert.Equal(before, attribute);
    }

    [Fact]
    public void EmptyDictionary_MarksNothing()
    {
        SaltEncryptedAttributes none = SaltEncryptedAttributes.From(RadiusDictionary.Empty);
        byte[] attribute = TaggedAttribute(RadiusAttributeType.TunnelPassword, "pw", s_from);

        Assert.False(none.MayContainEncrypted(attribute[0], attribute.AsSpan(2)));
        Assert.False(none.IsEncrypted(0, RadiusAttributeType.TunnelPassword, out _));
    }

    private static byte[] TaggedAttribute(byte type, string password, SharedSecret secret)
    {
        Span<byte> value = stackalloc byte[253];
        value[0] = 1;
        int written = TunnelPasswordCipher.Encrypt(Encoding.UTF8.GetBytes(password), 0x9abc, Zeros, secret, value[1..]);
        byte[] attribute = new byte[2 + 1 + written];
        attribute[0] = type;
        attribute[1] = (byte)attribute.Length;
        value[..(1 + written)].CopyTo(attribute.AsSpan(2));
        return attribute;
    }

    private static string? Decrypt(ReadOnlySpan<byte> saltAndCipher, SharedSecret secret)
    {
        Span<byte> plain = stackalloc byte[256];
        return TunnelPasswordCipher.TryDecrypt(saltAndCipher, Zeros, secret, plain, out int written)
            ? Encoding.UTF8.GetString(plain[..written])
            : null;
    }
}
