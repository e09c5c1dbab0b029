namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Counters of one socket (summed for the report). Written with Interlocked, read with Volatile.</summary>
internal sealed class LoadCounters
{
    public const int MaxErrorCause = 1023;

    public long Sent;
    public long Ack;
    public long Nak;
    public long Lost;
    public long Invalid;
    public long Late;
    public long Skipped;
    public long SendErrors;
    public long ZeroedMessageAuthenticator;
    public long WithMessageAuthenticator;

    /// <summary>NAKs by Error-Cause (index = value; 0 = none given; values above 1023 land at 1023).</summary>
    public long[] NakByCause { get; } = new long[MaxErrorCause + 1];

    public void AddTo(LoadTotals totals)
    {
        totals.Sent += Volatile.Read(ref Sent);
        totals.Ack += Volatile.Read(ref Ack);
        totals.Nak += Volatile.Read(ref Nak);
        totals.Lost += Volatile.Read(ref Lost);
        totals.Invalid += Volatile.Read(ref Invalid);
        totals.Late += Volatile.Read(ref Late);
        totals.Skipped += Volatile.Read(ref Skipped);
        totals.SendErrors += Volatile.Read(ref SendErrors);
        totals.ZeroedMessageAuthenticator += Volatile.Read(ref ZeroedMessageAuthenticator);
        totals.WithMessageAuthenticator += Volatile.Read(ref WithMessageAuthenticator);
        for (int i = 0; i < NakByCause.Length; i++)
        {
            long count = Volatile.Read(ref NakByCause[i]);
            if (count != 0)
            {
                totals.NakByCause[i] = totals.NakByCause.GetValueOrDefault(i) + count;
            }
        }
    }
}
