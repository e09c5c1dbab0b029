using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// A per-thread incremental platform MD5, reused so that hashing a packet in pieces (header, zeroed
/// fields, attributes, secret) needs neither a copy of the packet nor an allocation.
/// </summary>
internal static class Md5Hasher
{
    [ThreadStatic]
    private static IncrementalHash? t_md5;

    /// <summary>The calling thread's MD5 state, freshly reset.</summary>
    public static IncrementalHash Current => t_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    /// <summary>Starts HMAC-MD5 (RFC 2104): the inner pad; the caller then appends the message.</summary>
    public static void BeginHmac(IncrementalHash md5, SharedSecret secret) => md5.AppendData(secret.InnerPad);

    /// <summary>Finishes an HMAC-MD5 begun with <see cref="BeginHmac"/> into <paramref name="mac"/> (16 octets).</summary>
    public static void FinishHmac(IncrementalHash md5, SharedSecret secret, Span<byte> mac)
    {
        Span<byte> inner = stackalloc byte[16];
        md5.GetHashAndReset(inner);
        md5.AppendData(secret.OuterPad);
        md5.AppendData(inner);
        md5.GetHashAndReset(mac);
    }
}
