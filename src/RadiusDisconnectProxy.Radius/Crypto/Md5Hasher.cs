using System.Security.Cryptography;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// A per-thread incremental platform MD5 for the password ciphers (RFC 2865 §5.2, RFC 2868 §3.5), reused so that
/// hashing in pieces allocates nothing.
/// </summary>
internal static class Md5Hasher
{
    [ThreadStatic]
    private static IncrementalHash? t_md5;

    /// <summary>The calling thread's MD5 state, freshly reset.</summary>
    public static IncrementalHash Current => t_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
}
