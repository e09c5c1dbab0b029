using System.Buffers;
using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>
/// Re-keys an <c>encrypt=2</c> (Tunnel-Password style, RFC 2868 §3.5) value in place: salt (2 octets) followed by
/// 16n octets of cipher. b1 = MD5(secret | vector | salt), c1 = p1 XOR b1, bi = MD5(secret | c(i-1)). For
/// Disconnect-/CoA-Requests the vector is 16 zeros (their authenticator is computed last; FreeRADIUS does the same,
/// reference A.10). Decrypting with the client secret and encrypting the same plaintext blocks (length octet and
/// padding included) with the NAS secret keeps the salt and the length, so nothing around the value moves.
/// </summary>
internal static class SaltEncryptedValue
{
    private const int BlockLength = 16;
    private const int SaltLength = 2;

    /// <summary>False when the value has the wrong shape or its embedded length does not fit (nothing is changed then).</summary>
    public static bool TryRecrypt(Span<byte> value, ReadOnlySpan<byte> fromSecret, ReadOnlySpan<byte> toSecret)
    {
        int cipherLength = value.Length - SaltLength;
        if (cipherLength < BlockLength || cipherLength % BlockLength != 0)
        {
            return false;
        }

        int scratchLength = Math.Max(fromSecret.Length, toSecret.Length) + BlockLength + SaltLength;
        byte[]? rented = null;
        Span<byte> scratch = scratchLength <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(scratchLength));
        try
        {
            Span<byte> oldPad = stackalloc byte[BlockLength];
            Span<byte> newPad = stackalloc byte[BlockLength];
            Span<byte> previousOld = stackalloc byte[BlockLength];
            ReadOnlySpan<byte> salt = value[..SaltLength];

            // First block keys: MD5(secret | 16 zeros | salt).
            FirstPad(fromSecret, salt, scratch, oldPad);
            FirstPad(toSecret, salt, scratch, newPad);
            Span<byte> cipher = value[SaltLength..];
            if ((cipher[0] ^ oldPad[0]) > cipherLength - 1)
            {
                return false;
            }

            for (int offset = 0; offset < cipherLength; offset += BlockLength)
            {
                Span<byte> block = cipher.Slice(offset, BlockLength);
                if (offset > 0)
                {
                    ChainPad(fromSecret, previousOld, scratch, oldPad);
                    ChainPad(toSecret, cipher.Slice(offset - BlockLength, BlockLength), scratch, newPad);
                }

                block.CopyTo(previousOld);
                for (int i = 0; i < BlockLength; i++)
                {
                    block[i] = (byte)(block[i] ^ oldPad[i] ^ newPad[i]);
                }
            }

            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void FirstPad(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, Span<byte> scratch, Span<byte> pad)
    {
        secret.CopyTo(scratch);
        scratch.Slice(secret.Length, BlockLength).Clear();
        salt.CopyTo(scratch[(secret.Length + BlockLength)..]);
        MD5.HashData(scratch[..(secret.Length + BlockLength + SaltLength)], pad);
    }

    private static void ChainPad(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> previousCipher, Span<byte> scratch, Span<byte> pad)
    {
        secret.CopyTo(scratch);
        previousCipher.CopyTo(scratch[secret.Length..]);
        MD5.HashData(scratch[..(secret.Length + BlockLength)], pad);
    }
}
