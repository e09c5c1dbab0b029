using System.Globalization;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>Durations as on the proxy's config: 500us, 5ms, 10s, 2m, 1h; a bare number is seconds.</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string text)
    {
        text = text.Trim();
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("us", StringComparison.Ordinal) => (text[..^2], 1e-6),
            _ when text.EndsWith("µs", StringComparison.Ordinal) => (text[..^2], 1e-6),
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1e-3),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ => (text, 1),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0)
        {
            throw new FormatException($"'{text}' is not a duration (examples: 500us, 5ms, 10s, 2m)");
        }

        return TimeSpan.FromSeconds(value * scale);
    }
}
