using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>
/// How long a graceful stop (SIGTERM) may take: long enough for every request in flight to finish on its NAS and be
/// answered, i.e. the longest duration any NAS type declares, plus a margin. The systemd unit's TimeoutStopSec must
/// exceed it (the shipped unit uses 90 s).
/// </summary>
internal static class ShutdownPolicy
{
    private static readonly TimeSpan s_minimum = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_margin = TimeSpan.FromSeconds(5);

    public static TimeSpan ShutdownTimeout(ProxyOptions options) => ShutdownTimeout(options, NasTypes.Builtin);

    public static TimeSpan ShutdownTimeout(ProxyOptions options, NasTypes types)
    {
        TimeSpan longest = s_minimum;
        // A NAS of any type may come from the database: each type's default counts, then each configured NAS.
        foreach (NasType type in types.All)
        {
            longest = Max(longest, type.LongestDuration(null, options));
        }

        foreach (NasTarget nas in options.Nases)
        {
            if (types.Find(nas.Type) is { } type)
            {
                longest = Max(longest, type.LongestDuration(nas.Settings, options));
            }
        }

        if (options.RadiusDesk is { } db)
        {
            longest = Max(longest, db.VerifyTimeout);
        }

        return longest + s_margin;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
