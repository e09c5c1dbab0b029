namespace RadiusDisconnectProxy.Forwarder;

/// <summary>Forwarder-wide tuning (not config-file keys; the per-NAS keys live in <c>ForwardingNasSettings</c>).</summary>
public sealed record ForwardingOptions
{
    public static ForwardingOptions Default { get; } = new();

    /// <summary>Upper bound of source ports per NAS; each carries 256 Identifiers, so 16 allow 4096 requests in flight.</summary>
    public int MaxSocketsPerNas { get; init; } = 16;

    /// <summary>
    /// How long a request waits for a free Identifier when every socket's 256 are in flight, before NAK 506.
    /// </summary>
    public TimeSpan IdentifierWaitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receive buffer of each upstream socket (large enough for a burst of answers at full load).</summary>
    public int ReceiveBufferBytes { get; init; } = 4 * 1024 * 1024;

    public int SendBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Granularity of the retransmission timer scan.</summary>
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromMilliseconds(10);
}
