using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// encrypt=1, User-Password hiding (RFC 2865 §5.2): the password is zero-padded to a multiple of 16
/// (at most 128 octets); c1 = p1 XOR MD5(secret | authenticator), ci = pi XOR MD5(secret | c(i-1)).
/// </summary>
public static class UserPasswordCipher
{
    public const int MaxPasswordLength = 128;

    /// <summary>Length of the hidden value for a password of <paramref name="passwordLength"/> octets.</summary>
    public static int GetCipherLength(int passwordLength) => Math.Max(16, (passwordLength + 15) & ~15);

    /// <summary>Hides <paramref name="password"/> into <paramref name="destination"/>; returns octets written.</summary>
    public static int Encrypt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> authenticator, SharedSecret secret, Span<byte> destination)
    {
        if (password.Length > MaxPasswordLength)
        {
            throw new ArgumentException("User-Password is at most 128 octets.", nameof(password));
        }

        int length = GetCipherLength(password.Length);
        Span<byte> block = destination[..length];
        block.Clear();
        password.CopyTo(block);
        PasswordChain.Apply(block, authenticator, [], secret.Bytes, encrypt: true);
        return length;
    }

    /// <summary>Reveals a hidden value (trailing NUL padding removed); false when the length is not 16n.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> cipher, ReadOnlySpan<byte> authenticator, SharedSecret secret, Span<byte> destination, out int written)
    {
        written = 0;
        if (cipher.Length == 0 || cipher.Length % 16 != 0 || cipher.Length > MaxPasswordLength || destination.Length < cipher.Length)
        {
            return false;
        }

        Span<byte> plain = destination[..cipher.Length];
        cipher.CopyTo(plain);
        PasswordChain.Apply(plain, authenticator, [], secret.Bytes, encrypt: false);
        written = plain.IndexOf((byte)0) is var nul and >= 0 ? nul : plain.Length;
        CryptographicOperations.ZeroMemory(destination[written..cipher.Length]);
        return true;
    }
}
