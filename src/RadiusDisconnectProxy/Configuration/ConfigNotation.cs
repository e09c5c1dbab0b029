using System.Globalization;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>Values printed the way radius.conf writes them (docs/configuration.md §1, value forms), for logs and summaries.</summary>
public static class ConfigNotation
{
    /// <summary><c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>; the largest unit that keeps the value whole.</summary>
    public static string Duration(TimeSpan duration)
    {
        long ms = (long)Math.Round(duration.TotalMilliseconds);
        return ms switch
        {
            0 => "0s",
            _ when ms % 3_600_000 == 0 => (ms / 3_600_000).ToString(CultureInfo.InvariantCulture) + "h",
            _ when ms % 60_000 == 0 => (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m",
            _ when ms % 1000 == 0 => (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s",
            _ => ms.ToString(CultureInfo.InvariantCulture) + "ms",
        };
    }

    public static string Flag(bool value) => value ? "yes" : "no";
}
