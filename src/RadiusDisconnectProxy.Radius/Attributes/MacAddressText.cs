namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>
/// MAC addresses as they arrive in Calling-Station-Id (any separator: "-", ":", ".", none) turned
/// into the forms peers expect: upper-case dashed (CoovaChilli, RADIUSdesk) or colons (RouterOS).
/// </summary>
public static class MacAddressText
{
    /// <summary>Parses 12 hex digits with any of '-', ':', '.', ' ' between them into "AA-BB-CC-DD-EE-FF".</summary>
    public static bool TryNormalize(ReadOnlySpan<char> any, out string upperDashed)
    {
        Span<byte> octets = stackalloc byte[6];
        if (!TryParse(any, octets))
        {
            upperDashed = string.Empty;
            return false;
        }

        upperDashed = Format(octets, '-');
        return true;
    }

    /// <summary>Parses a MAC in any accepted form into 6 octets.</summary>
    public static bool TryParse(ReadOnlySpan<char> any, Span<byte> octets)
    {
        if (octets.Length < 6)
        {
            return false;
        }

        int digits = 0;
        int value = 0;
        foreach (char c in any.Trim())
        {
            int nibble = HexValue(c);
            if (nibble < 0)
            {
                if (c is '-' or ':' or '.' or ' ')
                {
                    continue;
                }

                return false;
            }

            if (digits == 12)
            {
                return false;
            }

            value = (value << 4) | nibble;
            digits++;
            if ((digits & 1) == 0)
            {
                octets[(digits / 2) - 1] = (byte)value;
                value = 0;
            }
        }

        return digits == 12;
    }

    /// <summary>"aa:bb:cc:dd:ee:ff" or "AA-BB-…" into "AA:BB:CC:DD:EE:FF"; null when not a MAC.</summary>
    public static string? ToColons(ReadOnlySpan<char> any)
    {
        Span<byte> octets = stackalloc byte[6];
        return TryParse(any, octets) ? Format(octets, ':') : null;
    }

    /// <summary>Formats 6 octets as upper-case hex pairs joined by <paramref name="separator"/>.</summary>
    public static string Format(ReadOnlySpan<byte> octets, char separator) =>
        string.Create(17, (octets[0], octets[1], octets[2], octets[3], octets[4], octets[5], separator), static (dest, s) =>
        {
            ReadOnlySpan<byte> b = [s.Item1, s.Item2, s.Item3, s.Item4, s.Item5, s.Item6];
            for (int i = 0; i < 6; i++)
            {
                dest[i * 3] = HexDigit(b[i] >> 4);
                dest[(i * 3) + 1] = HexDigit(b[i] & 0xF);
                if (i < 5)
                {
                    dest[(i * 3) + 2] = s.separator;
                }
            }
        });

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
