using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>RFC 5080 §2.2.1 retransmission timers for an RFC 5176 NAS.</summary>
public sealed record RetransmissionTimers(TimeSpan Irt, int Mrc, TimeSpan Mrt, TimeSpan Mrd)
{
    public static RetransmissionTimers Default { get; } = new(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30));
}

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
