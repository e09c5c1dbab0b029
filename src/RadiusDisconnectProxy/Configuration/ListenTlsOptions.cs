using System.Net;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>RADIUS/1.1 (RFC 9765 §3.3) on the RadSec listener: the ALPN "radius/1.1" the server accepts.</summary>
public enum Radius11Mode
{
    /// <summary>No ALPN: historic RadSec only (RFC 6614).</summary>
    Forbid,

    /// <summary>RADIUS/1.1 when the client offers "radius/1.1", historic RadSec otherwise (the RFC 9765 default).</summary>
    Allow,

    /// <summary>Only clients that offer "radius/1.1"; implies TLS 1.3.</summary>
    Require,
}

/// <summary>How a <c>client</c> reaches the proxy: RADIUS/UDP (the default) or RadSec (<c>proto = tls</c>).</summary>
public enum ClientProto
{
    Udp,
    Tls,
}

/// <summary>
/// The <c>listen_tls</c> section (docs/radsec.md): RADIUS over TLS (RFC 6614) with RFC 6613 framing, mutual
/// certificate authentication against <see cref="CaFilePath"/>, optional RADIUS/1.1 (RFC 9765). Absent: no RadSec.
/// </summary>
public sealed record ListenTlsOptions
{
    /// <summary>Addresses to bind; <see cref="IPAddress.IPv6Any"/> (dual mode) stands for "*".</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [IPAddress.IPv6Any];

    /// <summary>RFC 6614 §2.2: TCP 2083.</summary>
    public int Port { get; init; } = 2083;

    /// <summary>PEM certificate (chain) the proxy presents.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/> (unencrypted; keep it 0600).</summary>
    public required string PrivateKeyPath { get; init; }

    /// <summary>PEM CA certificate(s): the only trust anchors for client certificates.</summary>
    public required string CaFilePath { get; init; }

    /// <summary>The lowest TLS version accepted (1.2 or 1.3).</summary>
    public System.Security.Authentication.SslProtocols MinVersion { get; init; } = System.Security.Authentication.SslProtocols.Tls12;

    public Radius11Mode Radius11 { get; init; } = Radius11Mode.Allow;

    /// <summary>A connection without a complete packet for this long is closed (RFC 6613 §2.6.7: idle connections).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A TCP connection that has not finished its TLS handshake by then is closed.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections allowed per client entry; more are closed right after accept.</summary>
    public int MaxConnectionsPerClient { get; init; } = 16;

    /// <summary>"radius.conf:12", for messages.</summary>
    public string Source { get; init; } = "";
}
