using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>A self-signed certificate for 127.0.0.1/localhost written as PEM files, as an operator would give the broker.</summary>
internal static class TestCertificate
{
    public static X509Certificate2 WritePem(string directory, string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(directory, certificateFile), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, keyFile), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
