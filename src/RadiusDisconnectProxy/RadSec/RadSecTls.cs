using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The TLS side of <c>listen_tls</c>: the server certificate, the trust anchors from <c>ca_file</c> (the only ones: the
/// system store never vouches for a RadSec client, RFC 6614 §2.3), and per-connection server options whose certificate
/// check knows which client entry the connection belongs to. Immutable: a SIGHUP reload builds a new one from the
/// files (<see cref="Load"/>) and the listener uses it for new handshakes (docs/radsec.md, "Reload").
/// </summary>
internal sealed class RadSecTls : IDisposable
{
    /// <summary>RFC 9765 §3.1: the ALPN names.</summary>
    public static readonly SslApplicationProtocol Radius11 = new("radius/1.1");
    public static readonly SslApplicationProtocol Radius10 = new("radius/1.0");

    private readonly SslStreamCertificateContext _serverCertificate;
    private readonly X509Certificate2Collection _anchors = [];
    private readonly List<SslApplicationProtocol>? _alpn;

    public RadSecTls(ListenTlsOptions options)
    {
        Options = options;
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(options.CertificatePath);
        X509Certificate2 leaf = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.PrivateKeyPath);
        // Intermediates in the certificate file are sent along; the leaf itself is the first PEM block.
        X509Certificate2Collection intermediates = [.. chain.Skip(1)];
        Leaf = leaf;
        _serverCertificate = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        _anchors.ImportFromPemFile(options.CaFilePath);
        // RFC 9765 §3.3: "allow" offers radius/1.1 first (server preference), then radius/1.0; "require" only 1.1;
        // "forbid" sends no ALPN at all, exactly like an implementation that predates RFC 9765.
        _alpn = options.Radius11 switch
        {
            Radius11Mode.Allow => [Radius11, Radius10],
            Radius11Mode.Require => [Radius11],
            _ => null,
        };
    }

    /// <summary>
    /// Reads the files again for a reload, as the configuration check read them at start-up; a file that cannot be
    /// read or parsed becomes a configuration error naming the file, so the reload is rejected and the running
    /// material kept.
    /// </summary>
    public static RadSecTls Load(ListenTlsOptions options)
    {
        try
        {
            return new RadSecTls(options);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(
                $"{options.Source}: listen_tls: cannot load certificate '{options.CertificatePath}' with key '{options.PrivateKeyPath}' and ca_file '{options.CaFilePath}' (PEM, unencrypted key): {ex.Message}");
        }
    }

    /// <summary>The settings this material was loaded with (TLS versions, ALPN mode, timeouts, limits).</summary>
    public ListenTlsOptions Options { get; }

    /// <summary>The server certificate presented (its subject and thumbprint are logged on reload).</summary>
    public X509Certificate2 Leaf { get; }

    public SslProtocols Protocols => Options.MinVersion == SslProtocols.Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Server options for one connection of <paramref name="client"/>; <paramref name="rejection"/> receives why a certificate failed.</summary>
    public SslServerAuthenticationOptions ServerOptions(RadSecClient client, Action<string, string> rejection) => new()
    {
        ServerCertificateContext = _serverCertificate,
        ClientCertificateRequired = true,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        ApplicationProtocols = _alpn,
        AllowRenegotiation = false,
        RemoteCertificateValidationCallback = (_, certificate, chain, _) => Validate(certificate, chain, client, rejection),
    };

    /// <summary>
    /// The client certificate must chain to a <c>ca_file</c> certificate (and carry <c>certificate_subject</c> when
    /// set). The platform's verdict is ignored: it would consult the system store. Revocation is not checked.
    /// </summary>
    private bool Validate(X509Certificate? certificate, X509Chain? presented, RadSecClient client, Action<string, string> rejection)
    {
        if (certificate is null)
        {
            rejection("no client certificate", "-");
            return false;
        }

        var peer = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (X509ChainElement element in presented.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, peer))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        if (!chain.Build(peer))
        {
            string status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            rejection($"does not chain to ca_file ({status})", peer.SubjectName.Name);
            return false;
        }

        if (client.Subject is { } subject && !CertificateSubject.Matches(peer, subject))
        {
            rejection($"subject is not \"{subject}\"", peer.SubjectName.Name);
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        foreach (X509Certificate2 anchor in _anchors)
        {
            anchor.Dispose();
        }
    }
}
