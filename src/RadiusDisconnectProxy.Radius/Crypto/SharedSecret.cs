using System.Security.Cryptography;
using System.Text;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// A RADIUS shared secret with its HMAC-MD5 pads precomputed as MD5 states (RFC 2104 §4), built once per client or NAS
/// so that signing and verifying allocate nothing. Its value never appears in <see cref="ToString"/>.
/// </summary>
public sealed class SharedSecret
{
    internal const int Md5BlockLength = 64;

    private readonly byte[] _bytes;
    private readonly Md5State _innerState;
    private readonly Md5State _outerState;

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

        Span<byte> innerPad = stackalloc byte[Md5BlockLength];
        Span<byte> outerPad = stackalloc byte[Md5BlockLength];
        for (int i = 0; i < Md5BlockLength; i++)
        {
            byte k = i < key.Length ? key[i] : (byte)0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5C);
        }

        // RFC 2104 §4: the MD5 states after the padded key blocks are computed once and copied per message.
        _innerState = Md5State.Create();
        _innerState.Append(innerPad);
        _outerState = Md5State.Create();
        _outerState.Append(outerPad);
        CryptographicOperations.ZeroMemory(innerPad);
        CryptographicOperations.ZeroMemory(outerPad);
    }

    /// <summary>The raw secret octets.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>MD5 state after the inner pad (K XOR ipad); a copy is returned.</summary>
    internal Md5State InnerState => _innerState;

    /// <summary>MD5 state after the outer pad (K XOR opad); a copy is returned.</summary>
    internal Md5State OuterState => _outerState;

    /// <summary>Never the secret.</summary>
    public override string ToString() => "***";
}
