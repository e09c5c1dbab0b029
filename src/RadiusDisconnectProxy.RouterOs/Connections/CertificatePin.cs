using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// API-SSL certificate check: normal chain and name validation by default; with a pinned fingerprint, exactly
/// that certificate (SHA-256 or SHA-1 of its DER form) is accepted whatever its chain (self-signed router certs).
/// </summary>
internal sealed class CertificatePin
{
    private readonly byte[]? _fingerprint;

    public CertificatePin(string? fingerprint)
    {
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            return;
        }

        string hex = fingerprint.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (hex.Length is not (64 or 40))
        {
            throw new ArgumentException("A certificate fingerprint is 64 (SHA-256) or 40 (SHA-1) hex digits.", nameof(fingerprint));
        }

        _fingerprint = Convert.FromHexString(hex);
    }

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (_fingerprint is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if (certificate is null)
        {
            return false;
        }

        byte[] der = certificate.GetRawCertData();
        Span<byte> hash = stackalloc byte[32];
        int size;
        if (_fingerprint.Length == 32)
        {
            size = SHA256.HashData(der, hash);
        }
        else
        {
#pragma warning disable CA5350 // SHA-1 only compares a fingerprint the operator pinned; no signature relies on it.
            size = SHA1.HashData(der, hash);
#pragma warning restore CA5350
        }

        return CryptographicOperations.FixedTimeEquals(hash[..size], _fingerprint);
    }
}
