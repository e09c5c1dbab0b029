using System.Globalization;
using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>Parsers for the value forms of radius.conf (docs/configuration.md §1). Each returns false for a malformed value.</summary>
internal static class ConfigValues
{
    /// <summary>Durations take ms, s, m, h; a bare number is seconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        string s = text.Trim();
        (string number, double unitSeconds) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (s[..^2], 0.001),
            _ when s.EndsWith('s') || s.EndsWith('S') => (s[..^1], 1.0),
            _ when s.EndsWith('m') || s.EndsWith('M') => (s[..^1], 60.0),
            _ when s.EndsWith('h') || s.EndsWith('H') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };

        if (number.Length == 0 || !char.IsAsciiDigit(number[0])
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            return false;
        }

        double seconds = value * unitSeconds;
        if (seconds > TimeSpan.FromDays(365).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return true;
    }

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "YES":
                value = true;
                return true;
            case "NO":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>An IPv4 or IPv6 address (no host names: the proxy must not depend on DNS at start-up).</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        bool looksLikeAddress = text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3;
        return looksLikeAddress && IPAddress.TryParse(text, out address!);
    }

    /// <summary>An address (a /32 or /128) or a CIDR prefix without host bits.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (!TryParseAddress(text, out IPAddress address))
            {
                return false;
            }

            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        // A prefix with host bits set (10.0.0.1/8) is almost always a typo for an address or a different prefix.
        return TryParseAddress(text[..slash], out IPAddress prefix)
            && IPNetwork.TryParse(text, out network)
            && network.BaseAddress.Equals(prefix);
    }

    /// <summary><c>address:port</c> or <c>[v6]:port</c>.</summary>
    public static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.None, 0);
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        string host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        if (!TryParseAddress(host, out IPAddress address))
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
