namespace RadiusDisconnectProxy.Forwarder;

/// <summary>RFC 5080 §2.2.1 retransmission timers for an RFC 5176 NAS.</summary>
public sealed record RetransmissionTimers(TimeSpan Irt, int Mrc, TimeSpan Mrt, TimeSpan Mrd)
{
    public static RetransmissionTimers Default { get; } = new(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30));
}
