using System.Net;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// What a private FreeRADIUS 3.2 instance acting as an RFC 5176 proxy (DAC side) is configured with: it listens for
/// CoA/Disconnect-Requests from radclient (or a load generator) on 127.0.0.1 and proxies them, via a
/// <c>home_server { type = coa }</c>, to <see cref="Upstream"/> (our daemon, or the NAS simulator).
/// </summary>
public sealed record FreeRadiusCoaProxyOptions
{
    /// <summary>The home server the requests are proxied to (required unless <see cref="AnswerItself"/>).</summary>
    public IPEndPoint? Upstream { get; init; }

    /// <summary>Secret shared with <see cref="Upstream"/> (required unless <see cref="AnswerItself"/>).</summary>
    public string? UpstreamSecret { get; init; }

    /// <summary>
    /// FreeRADIUS is the DAS itself instead of a proxy: <c>recv-coa</c> answers ACK with a Message-Authenticator, which
    /// 3.2.0–3.2.3 compute over a zeroed authenticator (reference A.5) — a real NAS-side peer with that bug.
    /// </summary>
    public bool AnswerItself { get; init; }

    /// <summary>
    /// Reach <see cref="Upstream"/> over RadSec (RFC 6614: <c>proto = tcp</c> with a <c>tls { }</c> block, secret
    /// "radsec") instead of UDP; null = UDP.
    /// </summary>
    public FreeRadiusTlsOptions? UpstreamTls { get; init; }

    /// <summary>
    /// Verbatim FreeRADIUS configuration (home_server, home_server_pool and a virtual server with its own
    /// <c>listen { type = coa … port = <see cref="ListenPort"/> }</c>) used instead of the generated ones: how the
    /// snippets of docs/integration.md are tested as written. Requires <see cref="ListenPort"/>.
    /// </summary>
    public string? SiteConfig { get; init; }

    /// <summary>Secret of the <c>client</c> entry for 127.0.0.1 (what radclient uses toward FreeRADIUS).</summary>
    public required string ClientSecret { get; init; }

    /// <summary>UDP port FreeRADIUS listens on (127.0.0.1); 0 picks a free one.</summary>
    public int ListenPort { get; init; }

    /// <summary>RFC 5080 timers of the home server (<c>coa { irt mrt mrc mrd }</c>), whole seconds as FreeRADIUS takes them.</summary>
    public int Irt { get; init; } = 2;
    public int Mrt { get; init; } = 16;
    public int Mrc { get; init; } = 5;
    public int Mrd { get; init; } = 30;

    /// <summary>
    /// radiusd.conf <c>cleanup_delay</c>: how long a finished or abandoned request is remembered. A pool in front of several
    /// proxies needs it short, so a DAC's retransmission after a proxy died is a new request that goes to a live one.
    /// </summary>
    public int CleanupDelay { get; init; } = 5;

    /// <summary>Worker threads (FreeRADIUS <c>thread pool</c>); the load tests raise it.</summary>
    public int Threads { get; init; } = 4;

    /// <summary>How long to wait for "Ready to process requests".</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>PEM files for FreeRADIUS's side of a RadSec home server connection.</summary>
public sealed record FreeRadiusTlsOptions(string CertificateFile, string PrivateKeyFile, string CaFile);
