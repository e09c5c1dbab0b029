namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// MAC address spellings. NASes store Calling-Station-Id in their own notation (CoovaChilli <c>0C-C6-FD-7B-8B-AA</c>,
/// RouterOS <c>0C:C6:FD:7B:8B:AA</c>, Cisco <c>0cc6.fd7b.8baa</c>, some bare hex), and a DAC may send yet another, so the
/// lookup matches every common spelling of the same 48-bit address (an IN list keeps the radacct index usable).
/// </summary>
internal static class MacNotation
{
    /// <summary>Parses 12 hex digits separated by any of <c>- : .</c> or space (or none); false for anything else.</summary>
    public static bool TryParse(string text, out string hex12)
    {
        Span<char> digits = stackalloc char[12];
        int count = 0;
        foreach (char c in text.AsSpan().Trim())
        {
            if (char.IsAsciiHexDigit(c))
            {
                if (count == 12)
                {
                    hex12 = "";
                    return false;
                }

                digits[count++] = char.ToUpperInvariant(c);
            }
            else if (c is not ('-' or ':' or '.' or ' '))
            {
                hex12 = "";
                return false;
            }
        }

        hex12 = count == 12 ? new string(digits) : "";
        return count == 12;
    }

    /// <summary><c>AA-BB-CC-DD-EE-FF</c> (what MESHdesk nodes and the MQTT payload use), or null when not a MAC.</summary>
    public static string? ToUpperDashed(string? text) =>
        text is not null && TryParse(text, out string hex12) ? Join(hex12, '-') : null;

    /// <summary>Every spelling of the address in upper and lower case: dashes, colons, bare, and Cisco dotted.</summary>
    public static string[] Spellings(string hex12)
    {
        string lower = hex12.ToLowerInvariant();
        return
        [
            Join(hex12, '-'), Join(lower, '-'), Join(hex12, ':'), Join(lower, ':'), hex12, lower,
            Dotted(lower), Dotted(hex12),
        ];
    }

    private static string Join(string hex12, char separator) => string.Create(17, (hex12, separator), static (span, state) =>
    {
        for (int i = 0; i < 6; i++)
        {
            span[i * 3] = state.hex12[i * 2];
            span[(i * 3) + 1] = state.hex12[(i * 2) + 1];
            if (i < 5)
            {
                span[(i * 3) + 2] = state.separator;
            }
        }
    });

    private static string Dotted(string hex12) => $"{hex12[..4]}.{hex12[4..8]}.{hex12[8..]}";
}
