using System.Diagnostics;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// RFC 5080 §2.2.1 retransmission timers for one forwarded request, in <see cref="Stopwatch"/> ticks:
/// RT1 = IRT + RAND*IRT; RTn = 2*RTprev + RAND*RTprev; if RT &gt; MRT then RT = MRT + RAND*MRT; RAND uniform in
/// [-0.1, +0.1]. The exchange fails after MRC transmissions (waiting one RT after the last) or MRD after the first,
/// whichever comes first. MRC = 0 or MRD = 0 means "no limit" on that axis (as in RFC 3315 §14); if both are 0 the
/// defaults apply, so no request can wait for ever.
/// </summary>
internal struct RetransmissionSchedule
{
    private double _rtTicks;
    private readonly double _mrtTicks;

    public RetransmissionSchedule(RetransmissionTimers timers, long now)
    {
        if (timers.Mrc <= 0 && timers.Mrd <= TimeSpan.Zero)
        {
            timers = RetransmissionTimers.Default;
        }

        MaxTransmissions = timers.Mrc > 0 ? timers.Mrc : int.MaxValue;
        _mrtTicks = ToTicks(timers.Mrt);
        Deadline = timers.Mrd > TimeSpan.Zero ? now + (long)ToTicks(timers.Mrd) : long.MaxValue;
        Transmissions = 1;
        _rtTicks = Jitter(ToTicks(timers.Irt));
        _rtTicks = Cap(_rtTicks);
        NextTransmission = now + (long)_rtTicks;
    }

    /// <summary>Transmissions so far (the first send counts as one).</summary>
    public int Transmissions { get; private set; }

    public int MaxTransmissions { get; }

    /// <summary>When the next retransmission is due (or, after the last transmission, when the exchange fails).</summary>
    public long NextTransmission { get; private set; }

    /// <summary>MRD: the exchange fails at this time whatever the count.</summary>
    public long Deadline { get; private set; }

    /// <summary>Allocated but not sent yet: nothing is due, nothing expires.</summary>
    public void SetUnarmed()
    {
        NextTransmission = long.MaxValue;
        Deadline = long.MaxValue;
    }

    /// <summary>What to do at <paramref name="now"/>.</summary>
    public readonly RetransmissionStep Check(long now)
    {
        if (now >= Deadline)
        {
            return RetransmissionStep.GiveUp;
        }

        if (now < NextTransmission)
        {
            return RetransmissionStep.Wait;
        }

        return Transmissions >= MaxTransmissions ? RetransmissionStep.GiveUp : RetransmissionStep.Retransmit;
    }

    /// <summary>Records a retransmission at <paramref name="now"/> and computes the next RT.</summary>
    public void OnRetransmitted(long now)
    {
        Transmissions++;
        _rtTicks = Cap((2 * _rtTicks) + (RandomFactor() * _rtTicks));
        NextTransmission = now + (long)_rtTicks;
    }

    private readonly double Cap(double rt) => _mrtTicks > 0 && rt > _mrtTicks ? Jitter(_mrtTicks) : rt;

    private static double Jitter(double value) => value + (RandomFactor() * value);

    // RAND: uniform in [-0.1, +0.1] (RFC 5080 §2.2.1).
    private static double RandomFactor() => (Random.Shared.NextDouble() * 0.2) - 0.1;

    private static double ToTicks(TimeSpan span) => span.TotalSeconds * Stopwatch.Frequency;
}
