using System.Net;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// What differs between the two RouterOS types in the shared flow: the words of their answers and their log events
/// (each type keeps its own event ids, Logging/EventIds.cs, and its own texts, docs/mikrotik.md and docs/mikrotik-rest.md).
/// </summary>
public abstract class RouterDialect
{
    /// <summary>"the RouterOS API" or "RouterOS REST", in NAK texts.</summary>
    public abstract string Transport { get; }

    /// <summary>The NAK 503 text when nothing matches.</summary>
    public abstract string NoMatch { get; }

    /// <summary>The ACK text after removing these sessions (without the leading "removed ").</summary>
    public abstract string Describe(IReadOnlyList<RouterSession> removed);

    /// <summary>RouterOS's own words in a refusal (a <c>Trap</c>), for NAK texts and logs.</summary>
    public abstract string RefusalText(RouterOsException refused);

    /// <summary>The NAK 504 text when the router refused a remove.</summary>
    public virtual string RemoveRefusal(RouterOsException refused) => "router refused the remove: " + RefusalText(refused);

    public abstract void SessionsRemoved(string nas, int removed, IReadOnlyList<RouterSession> matches, string detail);

    public abstract void RemoveRefused(string nas, RouterSession session, RouterOsException refused);

    public abstract void RouterUnavailable(string nas, string cause, string reason);

    public abstract void DeadlineReached(string nas);

    public abstract void CookieRemovalFailed(string nas, string? user, string reason);

    public abstract void RateChanged(string nas, RouterSession session, string rate);

    public abstract void RateNotApplied(string nas, string? user, string reason);

    public abstract void ForwardingCoa(string nas, IPEndPoint endpoint);

    /// <summary><c>coa_port</c>/<c>secret</c> set but no forwarder registered (the rate goes through the router's API).</summary>
    public virtual void NoForwarder(string nas)
    {
    }
}
