using System.Net;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary><c>type = other</c>: forward as a real RFC 5176 request to the NAS's own DAS.</summary>
public sealed record ForwardingNasSettings : NasSettings
{
    public required IPEndPoint CoaEndpoint { get; init; }
    public required string Secret { get; init; }
    public bool StripProxyState { get; init; }
    public bool AcceptZeroedMessageAuthenticator { get; init; }
    public RetransmissionTimers Timers { get; init; } = RetransmissionTimers.Default;

    // Records print every property; the secret must never reach a log line.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("CoaEndpoint = ").Append(CoaEndpoint).Append(", Secret = ***, StripProxyState = ").Append(StripProxyState)
            .Append(", AcceptZeroedMessageAuthenticator = ").Append(AcceptZeroedMessageAuthenticator).Append(", Timers = ").Append(Timers);
        return true;
    }
}
