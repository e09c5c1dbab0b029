using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>listen_tls { ipaddr = *  port = 2083  certificate = …  private_key = …  ca_file = …  tls_min_version = 1.2
/// radius_v1_1 = allow  idle_timeout = 120s  handshake_timeout = 10s  max_connections_per_client = 16 }</c>.
/// The certificate, key and CA file are loaded here, so a wrong path or a key that does not match fails
/// check-config and start-up with file:line (exit 78) instead of the first handshake.
/// </summary>
internal static class ListenTlsSection
{
    private static readonly HashSet<string> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ipaddr", "port", "certificate", "private_key", "ca_file", "tls_min_version", "radius_v1_1",
        "idle_timeout", "handshake_timeout", "max_connections_per_client",
    };

    public static ListenTlsOptions Read(SectionReader section, string baseDirectory)
    {
        section.RejectUnknownKeys(s_keys);
        IReadOnlyList<System.Net.IPAddress> addresses = ListenSection.ReadAddresses(section);
        string certificate = ExistingFile(section, "certificate", baseDirectory);
        string privateKey = ExistingFile(section, "private_key", baseDirectory);
        string caFile = ExistingFile(section, "ca_file", baseDirectory);
        try
        {
            using X509Certificate2 loaded = X509Certificate2.CreateFromPemFile(certificate, privateKey);
            if (!loaded.HasPrivateKey)
            {
                throw section.Error("private_key", $"'{privateKey}' holds no private key for '{certificate}'");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw section.Error("private_key", $"cannot load certificate '{certificate}' with key '{privateKey}' (PEM, unencrypted key): {ex.Message}");
        }

        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(caFile);
        }
        catch (CryptographicException ex)
        {
            throw section.Error("ca_file", $"cannot read CA certificates from '{caFile}': {ex.Message}");
        }

        if (anchors.Count == 0)
        {
            throw section.Error("ca_file", $"'{caFile}' holds no PEM certificate");
        }

        foreach (X509Certificate2 anchor in anchors)
        {
            anchor.Dispose();
        }

        Radius11Mode radius11 = section.Choice("radius_v1_1", Radius11Mode.Allow,
            ("forbid", Radius11Mode.Forbid), ("allow", Radius11Mode.Allow), ("require", Radius11Mode.Require));
        SslProtocols minVersion = section.Choice("tls_min_version", SslProtocols.Tls12, ("1.2", SslProtocols.Tls12), ("1.3", SslProtocols.Tls13));
        var defaults = new ListenTlsOptions { CertificatePath = "", PrivateKeyPath = "", CaFilePath = "" };
        return new ListenTlsOptions
        {
            Addresses = addresses.Count > 0 ? addresses : defaults.Addresses,
            Port = section.Int("port", defaults.Port, 0, 65535),
            CertificatePath = certificate,
            PrivateKeyPath = privateKey,
            CaFilePath = caFile,
            // RFC 9765 §3.4 (Miscellaneous Items): RADIUS/1.1 requires TLS 1.3.
            MinVersion = radius11 == Radius11Mode.Require ? SslProtocols.Tls13 : minVersion,
            Radius11 = radius11,
            IdleTimeout = section.Duration("idle_timeout", defaults.IdleTimeout),
            HandshakeTimeout = section.Duration("handshake_timeout", defaults.HandshakeTimeout),
            MaxConnectionsPerClient = section.Int("max_connections_per_client", defaults.MaxConnectionsPerClient, 1, 10_000),
            Source = section.Describe(),
        };
    }

    private static string ExistingFile(SectionReader section, string key, string baseDirectory)
    {
        string full = Path.GetFullPath(Path.Combine(baseDirectory, section.RequiredString(key)));
        return File.Exists(full) ? full : throw section.Error(key, $"'{key}' file '{full}' does not exist");
    }
}
