using System.Globalization;
using System.Text.RegularExpressions;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// A rate change for a session, from Mikrotik-Rate-Limit (14988/8) or, when absent, WISPr-Bandwidth-Max-Up/Down
/// (bit/s) or ChilliSpot-Bandwidth-Max-Up/Down (kbit/s), docs/mikrotik.md §4. Mikrotik-Rate-Limit is
/// <c>rx[/tx] [burst-rx[/tx] [threshold-rx[/tx] [time-rx[/tx] [priority] [min-rx[/tx]]]]]</c>, rx = the client's upload;
/// a simple queue's <c>max-limit</c> is <c>upload/download</c> of its target, the same order.
/// </summary>
public sealed partial record RateLimit(string Text)
{
    /// <summary>The request's rate change, or null when it carries none.</summary>
    public static RateLimit? From(DynamicAuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MikrotikRateLimit is { Length: > 0 } text)
        {
            return new RateLimit(text.Trim());
        }

        if (request.WisprBandwidthMaxUp is not null || request.WisprBandwidthMaxDown is not null)
        {
            return new RateLimit(string.Create(CultureInfo.InvariantCulture, $"{request.WisprBandwidthMaxUp ?? 0}/{request.WisprBandwidthMaxDown ?? 0}"));
        }

        if (request.ChilliSpotBandwidthMaxUp is not null || request.ChilliSpotBandwidthMaxDown is not null)
        {
            return new RateLimit(string.Create(CultureInfo.InvariantCulture, $"{request.ChilliSpotBandwidthMaxUp ?? 0}k/{request.ChilliSpotBandwidthMaxDown ?? 0}k"));
        }

        return null;
    }

    /// <summary>
    /// The <c>/queue/simple/set</c> properties this rate means (max-limit, and burst-limit, burst-threshold, burst-time,
    /// priority, limit-at when given); false when the text is not a valid Mikrotik-Rate-Limit (NAK 407).
    /// </summary>
    public bool TryGetQueueProperties(out IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        properties = [];
        string[] parts = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] names = ["max-limit", "burst-limit", "burst-threshold", "burst-time", "priority", "limit-at"];
        if (parts.Length is 0 or > 6)
        {
            return false;
        }

        var result = new List<KeyValuePair<string, string>>(parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            Regex syntax = i == 4 ? PrioritySyntax() : i == 3 ? TimeSyntax() : RateSyntax();
            if (!syntax.IsMatch(parts[i]))
            {
                return false;
            }

            // A missing tx value equals rx (RouterOS RADIUS manual).
            string value = parts[i].Contains('/', StringComparison.Ordinal) ? parts[i] : parts[i] + "/" + parts[i];
            result.Add(new(names[i], value));
        }

        properties = result;
        return true;
    }

    [GeneratedRegex(@"^\d+[kKmMgG]?(/\d+[kKmMgG]?)?$")]
    private static partial Regex RateSyntax();

    [GeneratedRegex(@"^\d+[smh]?(/\d+[smh]?)?$")]
    private static partial Regex TimeSyntax();

    [GeneratedRegex(@"^[1-8](/[1-8])?$")]
    private static partial Regex PrioritySyntax();
}
