using System.Security.Cryptography;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// encrypt=2, Tunnel-Password style (RFC 2868 §3.5): value = salt (2 octets, high bit set) + cipher of
/// (length octet | password | zero padding to 16n); b1 = MD5(secret | vector | salt). The tag octet, if the
/// attribute has one, is not part of what this type handles.
/// </summary>
public static class TunnelPasswordCipher
{
    /// <summary>
    /// The vector to use: for Accounting-, Disconnect- and CoA-Requests 16 zeros (their authenticator is computed
    /// after the attributes, so FreeRADIUS and this proxy use a zero vector); else the request authenticator.
    /// </summary>
    public static ReadOnlySpan<byte> SelectVector(RadiusCode code, ReadOnlySpan<byte> requestAuthenticator) =>
        code is RadiusCode.AccountingRequest or RadiusCode.DisconnectRequest or RadiusCode.CoaRequest
            ? ZeroVector
            : requestAuthenticator;

    private static ReadOnlySpan<byte> ZeroVector => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Length of the encrypted value (salt + cipher) for a password of <paramref name="passwordLength"/>.</summary>
    public static int GetCipherLength(int passwordLength) => 2 + ((passwordLength + 1 + 15) & ~15);

    /// <summary>Encrypts with the given salt (its high bit is forced on); returns octets written.</summary>
    public static int Encrypt(ReadOnlySpan<byte> password, ushort salt, ReadOnlySpan<byte> vector, SharedSecret secret, Span<byte> destination)
    {
        int length = GetCipherLength(password.Length);
        if (length > RadiusPacketLimits.MaxAttributeValueLength - 1)
        {
            throw new ArgumentException("The password is too long for one attribute.", nameof(password));
        }

        Span<byte> value = destination[..length];
        value.Clear();
        value[0] = (byte)(0x80 | (salt >> 8));
        value[1] = (byte)salt;
        value[2] = (byte)password.Length;
        password.CopyTo(value[3..]);
        PasswordChain.Apply(value[2..], vector, value[..2], secret.Bytes, encrypt: true);
        return length;
    }

    /// <summary>Decrypts salt + cipher; false when the shape or the embedded length is wrong (e.g. wrong secret).</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> value, ReadOnlySpan<byte> vector, SharedSecret secret, Span<byte> destination, out int written)
    {
        written = 0;
        int cipherLength = value.Length - 2;
        if (cipherLength < 16 || cipherLength % 16 != 0 || destination.Length < cipherLength)
        {
            return false;
        }

        Span<byte> plain = destination[..cipherLength];
        value[2..].CopyTo(plain);
        PasswordChain.Apply(plain, vector, value[..2], secret.Bytes, encrypt: false);
        int passwordLength = plain[0];
        if (passwordLength > cipherLength - 1)
        {
            CryptographicOperations.ZeroMemory(plain);
            return false;
        }

        plain.Slice(1, passwordLength).CopyTo(plain);
        CryptographicOperations.ZeroMemory(plain[passwordLength..]);
        written = passwordLength;
        return true;
    }

    /// <summary>
    /// Re-keys salt + cipher in place from one secret to another (a proxy forwarding the value, RFC 2868 §3.5): the
    /// plaintext blocks (length octet and padding included) and the salt stay as they are, so the value keeps its
    /// length. False, with the value untouched, when the shape or the embedded length is wrong (e.g. wrong secret).
    /// </summary>
    public static bool TryRecrypt(Span<byte> value, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> fromSecret, ReadOnlySpan<byte> toSecret)
    {
        int cipherLength = value.Length - 2;
        if (cipherLength < 16 || cipherLength % 16 != 0 || cipherLength > RadiusPacketLimits.MaxAttributeValueLength)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[RadiusPacketLimits.MaxAttributeValueLength];
        Span<byte> plain = scratch[..cipherLength];
        value[2..].CopyTo(plain);
        PasswordChain.Apply(plain, vector, value[..2], fromSecret, encrypt: false);
        bool ok = plain[0] <= cipherLength - 1;
        if (ok)
        {
            PasswordChain.Apply(plain, vector, value[..2], toSecret, encrypt: true);
            plain.CopyTo(value[2..]);
        }

        CryptographicOperations.ZeroMemory(plain);
        return ok;
    }
}
