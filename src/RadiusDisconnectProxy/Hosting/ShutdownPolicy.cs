using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>
/// How long a graceful stop (SIGTERM) may take: long enough for every request in flight to finish on its NAS and be
/// answered, i.e. the longest deadline a driver can run into, plus a margin. The systemd unit's TimeoutStopSec must
/// exceed it (the shipped unit uses 90 s).
/// </summary>
internal static class ShutdownPolicy
{
    private static readonly TimeSpan s_minimum = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_margin = TimeSpan.FromSeconds(5);

    public static TimeSpan ShutdownTimeout(ProxyOptions options)
    {
        TimeSpan longest = s_minimum;
        foreach (NasTarget nas in options.Nases)
        {
            if (nas.Settings is ForwardingNasSettings forwarding && forwarding.Timers.Mrd > longest)
            {
                longest = forwarding.Timers.Mrd;
            }
        }

        if (options.Mqtt.ReplyTimeout > longest)
        {
            longest = options.Mqtt.ReplyTimeout;
        }

        if (options.RadiusDesk is { } db && db.VerifyTimeout > longest)
        {
            longest = db.VerifyTimeout;
        }

        return longest + s_margin;
    }
}
