using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>A throw-away self-signed certificate for the simulator's API-SSL listener, like a router's own.</summary>
public static class SelfSignedCertificate
{
    public static X509Certificate2 Create(string subject = "CN=router.test")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>SHA-256 of the DER form as colon-separated hex, as an operator would copy it.</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate)
        => string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
