using System.Net;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Where and how to forward: an RFC 5176 DAS endpoint, its secret, and the per-NAS policy. Build one per NAS and keep
/// it (the secret's HMAC state is precomputed once); <see cref="RadiusForwarder"/> caches the NAS channel on it.
/// </summary>
public sealed class ForwardingTarget
{
    public ForwardingTarget(IPEndPoint endpoint, string secret)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Endpoint = endpoint;
        SecretText = secret;
        Secret = new SharedSecret(secret);
    }

    public IPEndPoint Endpoint { get; }

    public SharedSecret Secret { get; }

    /// <summary><c>strip_proxy_state</c>: send no Proxy-State to the NAS (the client's are restored on the answer).</summary>
    public bool StripProxyState { get; init; }

    /// <summary><c>accept_zeroed_message_authenticator</c>: also accept the FreeRADIUS 3.2.0–3.2.3 answer variant.</summary>
    public bool AcceptZeroedMessageAuthenticator { get; init; }

    /// <summary>RFC 5080 §2.2.1 timers (<c>irt mrc mrt mrd</c>).</summary>
    public RetransmissionTimers Timers { get; init; } = RetransmissionTimers.Default;

    internal string SecretText { get; }

    internal NasChannel? Channel { get; set; }

    /// <summary>Never the secret.</summary>
    public override string ToString() => Endpoint.ToString();
}
