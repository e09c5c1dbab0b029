using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.TestSupport.RadSec;

/// <summary>
/// A throw-away PKI for RadSec tests, written as PEM files into a temporary directory: a CA, a server certificate
/// (CN=radsec-proxy, SAN 127.0.0.1/localhost) and client certificates it issues, and a second, unrelated CA whose
/// certificates the proxy must refuse. Built with <see cref="CertificateRequest"/>; the files are what openssl and
/// FreeRADIUS read.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _otherCa;

    private TestPki(string directory)
    {
        Directory = directory;
        _ca = CreateCa("CN=RadSec Test CA");
        _otherCa = CreateCa("CN=Other CA");
        CaFile = WritePem(_ca, "ca", includeKey: false).Certificate;
        OtherCaFile = WritePem(_otherCa, "other-ca", includeKey: false).Certificate;
        using X509Certificate2 server = Issue(_ca, "CN=radsec-proxy", server: true);
        (ServerCertificate, ServerKey) = WritePem(server, "server", includeKey: true);
    }

    public string Directory { get; }

    /// <summary>The CA the proxy trusts (its <c>ca_file</c>), PEM.</summary>
    public string CaFile { get; }

    /// <summary>A CA the proxy does not trust.</summary>
    public string OtherCaFile { get; }

    public string ServerCertificate { get; }

    public string ServerKey { get; }

    public static TestPki Create() => new(System.IO.Directory.CreateTempSubdirectory("rdp-radsec-").FullName);

    /// <summary>A client certificate signed by the trusted CA (or, with <paramref name="untrusted"/>, by the other one).</summary>
    public (string Certificate, string Key) IssueClient(string subject, bool untrusted = false)
    {
        using X509Certificate2 client = Issue(untrusted ? _otherCa : _ca, subject, server: false);
        string name = (untrusted ? "untrusted-" : "client-") + subject.Replace("CN=", "", StringComparison.Ordinal).Replace(' ', '_');
        return WritePem(client, name, includeKey: true);
    }

    /// <summary>
    /// Writes a freshly issued server certificate (same CA, same subject, new key and serial) over the server
    /// certificate and key files, as a renewal by certbot does; returns its SHA-1 thumbprint.
    /// </summary>
    public string RenewServerCertificate()
    {
        using X509Certificate2 server = Issue(_ca, "CN=radsec-proxy", server: true);
        WritePem(server, "server", includeKey: true);
        return server.Thumbprint;
    }

    /// <summary>Loads a certificate with its key, usable by SslStream on Linux.</summary>
    public static X509Certificate2 Load((string Certificate, string Key) files) =>
        X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            san.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private (string Certificate, string Key) WritePem(X509Certificate2 certificate, string name, bool includeKey)
    {
        string certificatePath = Path.Combine(Directory, name + ".pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        string keyPath = Path.Combine(Directory, name + ".key");
        if (includeKey)
        {
            using ECDsa key = certificate.GetECDsaPrivateKey()!;
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
