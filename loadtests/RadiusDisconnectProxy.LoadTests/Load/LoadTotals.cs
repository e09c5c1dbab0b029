namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>A snapshot of all sockets' counters.</summary>
internal sealed class LoadTotals
{
    public long Sent { get; set; }
    public long Ack { get; set; }
    public long Nak { get; set; }
    public long Lost { get; set; }
    public long Invalid { get; set; }
    public long Late { get; set; }
    public long Skipped { get; set; }
    public long SendErrors { get; set; }
    public long ZeroedMessageAuthenticator { get; set; }
    public long WithMessageAuthenticator { get; set; }
    public SortedDictionary<int, long> NakByCause { get; } = [];

    public long Answered => Ack + Nak;
}
