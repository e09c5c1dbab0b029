using RadiusDisconnectProxy.Configuration.Validation;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// The <c>irt</c>/<c>mrc</c>/<c>mrt</c>/<c>mrd</c> keys of a nas block whose type forwards RFC 5176 requests (docs/forwarding.md,
/// "Retransmission timers"), read one way for every such type.
/// </summary>
internal static class RetransmissionTimerKeys
{
    public static RetransmissionTimers Read(SectionReader section)
    {
        RetransmissionTimers d = RetransmissionTimers.Default;
        // RFC 5080 §2.2.1: MRC = 0 and MRD = 0 mean "no limit"; both at once would retry forever.
        var timers = new RetransmissionTimers(
            section.Duration("irt", d.Irt),
            section.Int("mrc", d.Mrc, 0, 100),
            section.Duration("mrt", d.Mrt, allowZero: true),
            section.Duration("mrd", d.Mrd, allowZero: true));
        if (timers.Mrc == 0 && timers.Mrd == TimeSpan.Zero)
        {
            throw section.Error("mrc", "'mrc = 0' and 'mrd = 0' together would retransmit forever; set at least one limit");
        }

        if (timers.Mrt != TimeSpan.Zero && timers.Mrt < timers.Irt)
        {
            throw section.Error("mrt", "'mrt' (the longest retransmission interval) must not be shorter than 'irt'");
        }

        return timers;
    }
}
