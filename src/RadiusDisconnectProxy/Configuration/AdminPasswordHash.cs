using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// The console's password hash: salted PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), written
/// <c>$pbkdf2-sha256$i=600000$&lt;salt, base64&gt;$&lt;key, base64&gt;</c>, the iteration count OWASP recommends for this
/// PRF. Made by <c>radius-disconnect-proxy admin hash-password</c>; only the hash is ever stored.
/// </summary>
public sealed class AdminPasswordHash
{
    public const int DefaultIterations = 600_000;
    private const int MinIterations = 100_000;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;
    private const string Prefix = "$pbkdf2-sha256$i=";

    private readonly byte[] _salt;
    private readonly byte[] _key;

    private AdminPasswordHash(int iterations, byte[] salt, byte[] key)
    {
        Iterations = iterations;
        _salt = salt;
        _key = key;
    }

    public int Iterations { get; }

    /// <summary>A new hash of <paramref name="password"/> with a fresh random salt.</summary>
    public static AdminPasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new AdminPasswordHash(iterations, salt, Derive(password, salt, iterations, KeyBytes));
    }

    /// <summary>Parses the stored form; false (with a reason that never repeats the value) when it is not one.</summary>
    public static bool TryParse(string? text, out AdminPasswordHash hash, out string reason)
    {
        hash = null!;
        reason = $"it must be the output of 'radius-disconnect-proxy admin hash-password' ({Prefix}…)";
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations)
            || !TryBase64(parts[1], out byte[] salt) || salt.Length < 8
            || !TryBase64(parts[2], out byte[] key) || key.Length < 16)
        {
            return false;
        }

        if (iterations < MinIterations)
        {
            reason = $"its iteration count {iterations} is below {MinIterations}; make a new one with 'radius-disconnect-proxy admin hash-password'";
            return false;
        }

        hash = new AdminPasswordHash(iterations, salt, key);
        return true;
    }

    /// <summary>Whether <paramref name="password"/> is the one hashed (constant-time comparison of the derived keys).</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] candidate = Derive(password, _salt, Iterations, _key.Length);
        return CryptographicOperations.FixedTimeEquals(candidate, _key);
    }

    /// <summary>The stored form (what goes into <c>password_hash</c>).</summary>
    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_key)}");

    /// <summary>Never the hash itself: it would allow offline guessing if it reached a log.</summary>
    public override string ToString() => "***";

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out int written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
