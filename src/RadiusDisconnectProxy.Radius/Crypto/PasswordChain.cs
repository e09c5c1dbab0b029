using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// The MD5 chaining shared by RFC 2865 §5.2 and RFC 2868 §3.5: b1 = MD5(secret | vector | salt),
/// bi = MD5(secret | c(i-1)); each 16-octet block is XORed in place.
/// </summary>
internal static class PasswordChain
{
    public static void Apply(Span<byte> data, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, bool encrypt)
    {
        IncrementalHash md5 = Md5Hasher.Current;
        Span<byte> key = stackalloc byte[16];
        Span<byte> previousCipher = stackalloc byte[16];
        for (int offset = 0; offset < data.Length; offset += 16)
        {
            md5.AppendData(secret);
            if (offset == 0)
            {
                md5.AppendData(vector);
                md5.AppendData(salt);
            }
            else
            {
                md5.AppendData(previousCipher);
            }

            md5.GetHashAndReset(key);
            Span<byte> block = data.Slice(offset, 16);
            if (!encrypt)
            {
                block.CopyTo(previousCipher);
            }

            for (int i = 0; i < 16; i++)
            {
                block[i] ^= key[i];
            }

            if (encrypt)
            {
                block.CopyTo(previousCipher);
            }
        }
    }
}
