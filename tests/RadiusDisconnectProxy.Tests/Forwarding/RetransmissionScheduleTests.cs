using System.Diagnostics;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>RFC 5080 §2.2.1 arithmetic: jitter within ±10 %, doubling, MRT cap, MRC and MRD limits.</summary>
public sealed class RetransmissionScheduleTests
{
    private static readonly long s_second = Stopwatch.Frequency;

    [Fact]
    public void Defaults_DoubleFrom2s_CapAt16s_FiveTransmissions()
    {
        for (int run = 0; run < 200; run++)
        {
            long now = 0;
            var schedule = new RetransmissionSchedule(RetransmissionTimers.Default, now);
            var intervals = new List<double>();
            while (true)
            {
                long due = schedule.NextTransmission;
                intervals.Add((due - now) / (double)s_second);
                now = due;
                RetransmissionStep step = schedule.Check(now);
                if (step == RetransmissionStep.GiveUp)
                {
                    break;
                }

                Assert.Equal(RetransmissionStep.Retransmit, step);
                schedule.OnRetransmitted(now);
            }

            Assert.InRange(schedule.Transmissions, 1, 5);
            Assert.InRange(intervals[0], 1.8, 2.2);
            for (int i = 1; i < intervals.Count; i++)
            {
                double previous = intervals[i - 1];
                Assert.True(
                    (intervals[i] >= (1.9 * previous) - 1e-6 && intervals[i] <= (2.1 * previous) + 1e-6) || (intervals[i] >= 14.4 && intervals[i] <= 17.6),
                    $"interval {i}: {intervals[i]} after {previous}");
            }

            // The MRD of 30 s bounds the whole exchange.
            Assert.Equal(30 * s_second, schedule.Deadline);
            Assert.Equal(RetransmissionStep.GiveUp, schedule.Check(30 * s_second));
        }
    }

    [Fact]
    public void Mrc_CountsTransmissions()
    {
        var timers = new RetransmissionTimers(TimeSpan.FromSeconds(1), 3, TimeSpan.Zero, TimeSpan.Zero);
        var schedule = new RetransmissionSchedule(timers, 0);

        Assert.Equal(RetransmissionStep.Wait, schedule.Check(schedule.NextTransmission - 1));
        schedule.OnRetransmitted(schedule.NextTransmission);
        schedule.OnRetransmitted(schedule.NextTransmission);

        Assert.Equal(3, schedule.Transmissions);
        Assert.Equal(RetransmissionStep.GiveUp, schedule.Check(schedule.NextTransmission));
        Assert.Equal(long.MaxValue, schedule.Deadline);
    }

    [Fact]
    public void Mrd_GivesUpWhateverTheCount()
    {
        var timers = new RetransmissionTimers(TimeSpan.FromSeconds(1), 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var schedule = new RetransmissionSchedule(timers, 0);

        Assert.Equal(RetransmissionStep.GiveUp, schedule.Check(5 * s_second));
        Assert.Equal(RetransmissionStep.Retransmit, schedule.Check(schedule.NextTransmission));
    }

    [Fact]
    public void NoLimitAtAll_FallsBackToDefaults()
    {
        var schedule = new RetransmissionSchedule(new RetransmissionTimers(TimeSpan.FromSeconds(1), 0, TimeSpan.Zero, TimeSpan.Zero), 0);

        Assert.Equal(5, schedule.MaxTransmissions);
        Assert.Equal(30 * s_second, schedule.Deadline);
    }
}
