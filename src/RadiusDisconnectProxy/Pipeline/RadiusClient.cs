using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// A configured DAC (<c>client NAME { … }</c>) as the pipeline uses it: the shared secret prepared once, the
/// effective security settings, its pre-resolved metric children and the <c>auto</c> Message-Authenticator state.
/// </summary>
internal sealed class RadiusClient
{
    private volatile bool _sentValidMessageAuthenticator;
    private volatile LastEndPoint? _lastEndPoint;

    public RadiusClient(ClientOptions options, ClientMetrics metrics)
    {
        Options = options;
        Name = options.Name;
        Networks = [.. options.Networks];
        Secret = new SharedSecret(options.Secret);
        SecretBytes = System.Text.Encoding.UTF8.GetBytes(options.Secret);
        Security = options.Security;
        Metrics = metrics;
    }

    /// <summary>The entry this client was built from (a reload keeps the client when its entry is unchanged).</summary>
    public ClientOptions Options { get; }

    public string Name { get; }

    public IReadOnlyList<IPNetwork> Networks { get; }

    public SharedSecret Secret { get; }

    /// <summary>The raw secret for drivers that re-encrypt attributes (never logged).</summary>
    public ReadOnlyMemory<byte> SecretBytes { get; }

    public SecurityOptions Security { get; }

    public ClientMetrics Metrics { get; }

    /// <summary>
    /// Whether a request without Message-Authenticator is dropped: always with <c>yes</c>; with <c>auto</c> once this
    /// client has sent one valid Message-Authenticator (until restart, docs/configuration.md `security`; Blast-RADIUS hardening).
    /// </summary>
    public bool RequiresMessageAuthenticator => Security.RequireMessageAuthenticator switch
    {
        RequireMessageAuthenticator.Yes => true,
        RequireMessageAuthenticator.Auto => _sentValidMessageAuthenticator,
        _ => false,
    };

    /// <summary>True only for the first valid Message-Authenticator seen in <c>auto</c> mode (worth a log line).</summary>
    public bool NoteValidMessageAuthenticator()
    {
        if (_sentValidMessageAuthenticator || Security.RequireMessageAuthenticator != RequireMessageAuthenticator.Auto)
        {
            return false;
        }

        _sentValidMessageAuthenticator = true;
        return true;
    }

    /// <summary>
    /// The source as an <see cref="IPEndPoint"/> for the request drivers and the audit see: the last one is kept and
    /// handed out again while the client keeps sending from the same address and port (a DAC usually does), so it is
    /// not allocated per request. Endpoints are never mutated once made.
    /// </summary>
    public IPEndPoint EndPoint(SourceAddress from)
    {
        LastEndPoint? known = _lastEndPoint;
        if (known is not null && known.From == from)
        {
            return known.EndPoint;
        }

        IPEndPoint endPoint = from.ToEndPoint();
        _lastEndPoint = new LastEndPoint(from, endPoint);
        return endPoint;
    }

    public override string ToString() => Name;

    // Immutable, swapped whole: receive loops and RadSec connections may ask at the same time.
    private sealed record LastEndPoint(SourceAddress From, IPEndPoint EndPoint);
}
