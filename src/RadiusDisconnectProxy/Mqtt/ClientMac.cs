namespace RadiusDisconnectProxy.Mqtt;

/// <summary>MAC addresses in the form CoovaChilli and the MESHdesk firmware use: <c>0C-C6-FD-7B-8B-AA</c>.</summary>
public static class ClientMac
{
    /// <summary>
    /// Accepts 12 hex digits with any separators or none (<c>0c:c6:fd:7b:8b:aa</c>, <c>0CC6.FD7B.8BAA</c>,
    /// <c>0c-c6-fd-7b-8b-aa</c>) and writes them upper case with dashes. False for anything else.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string normalized)
    {
        normalized = "";
        Span<char> hex = stackalloc char[12];
        int digits = 0;
        foreach (char c in text)
        {
            if (char.IsAsciiHexDigit(c))
            {
                if (digits == 12)
                {
                    return false;
                }

                hex[digits++] = char.ToUpperInvariant(c);
            }
            else if (c is not (':' or '-' or '.' or ' '))
            {
                return false;
            }
        }

        if (digits != 12)
        {
            return false;
        }

        Span<char> result = stackalloc char[17];
        for (int i = 0, j = 0; i < 12; i += 2)
        {
            if (i > 0)
            {
                result[j++] = '-';
            }

            result[j++] = hex[i];
            result[j++] = hex[i + 1];
        }

        normalized = new string(result);
        return true;
    }
}
