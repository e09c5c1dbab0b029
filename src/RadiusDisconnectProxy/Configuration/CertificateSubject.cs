using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// Distinguished names as <c>certificate_subject</c> compares them: both the configured text and the certificate's
/// subject go through the same X.500 encoder and decoder, so spacing and quoting differences do not matter.
/// </summary>
public static class CertificateSubject
{
    public static bool TryNormalize(string text, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            normalized = new X500DistinguishedName(text).Name;
            return normalized.Length > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether the certificate's subject is <paramref name="normalized"/> (from <see cref="TryNormalize"/>).</summary>
    public static bool Matches(X509Certificate2 certificate, string normalized) => Matches(certificate.SubjectName.Name, normalized);

    /// <summary>Whether a subject DN as <see cref="X500DistinguishedName.Name"/> renders it is <paramref name="normalized"/>.</summary>
    public static bool Matches(string? subjectName, string normalized) =>
        string.Equals(subjectName, normalized, StringComparison.OrdinalIgnoreCase);
}
