using System.Security.Cryptography;
using System.Text;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// A RADIUS shared secret with its HMAC-MD5 pads precomputed (RFC 2104), built once per client or NAS
/// so that signing and verifying allocate nothing. Its value never appears in <see cref="ToString"/>.
/// </summary>
public sealed class SharedSecret
{
    internal const int Md5BlockLength = 64;

    private readonly byte[] _bytes;
    private readonly byte[] _innerPad = new byte[Md5BlockLength];
    private readonly byte[] _outerPad = new byte[Md5BlockLength];

    /// <summary>The secret as UTF-8 (FreeRADIUS treats secrets as raw octets of the configured text).</summary>
    public SharedSecret(string secret)
        : this(Encoding.UTF8.GetBytes(secret ?? throw new ArgumentNullException(nameof(secret))))
    {
    }

    public SharedSecret(ReadOnlySpan<byte> secret)
    {
        _bytes = secret.ToArray();

        // RFC 2104 §2: keys longer than the block are hashed first.
        scoped ReadOnlySpan<byte> key = _bytes;
        Span<byte> hashedKey = stackalloc byte[16];
        if (key.Length > Md5BlockLength)
        {
            MD5.HashData(key, hashedKey);
            key = hashedKey;
        }

        for (int i = 0; i < Md5BlockLength; i++)
        {
            byte k = i < key.Length ? key[i] : (byte)0;
            _innerPad[i] = (byte)(k ^ 0x36);
            _outerPad[i] = (byte)(k ^ 0x5C);
        }
    }

    /// <summary>The raw secret octets.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    internal ReadOnlySpan<byte> InnerPad => _innerPad;

    internal ReadOnlySpan<byte> OuterPad => _outerPad;

    /// <summary>Never the secret.</summary>
    public override string ToString() => "***";
}
