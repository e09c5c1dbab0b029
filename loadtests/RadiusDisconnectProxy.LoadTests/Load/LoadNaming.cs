namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// The names requests and simulators agree on, so a session a request names exists in the simulator
/// or database it ends up at.
/// </summary>
internal static class LoadNaming
{
    /// <summary>Calling-Station-Id of pool entry <paramref name="index"/>: 02-00-xx-xx-xx-xx (locally administered).</summary>
    public static bool TryFormatMac(long index, Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 17)
        {
            return false;
        }

        uint value = (uint)index;
        destination[0] = '0';
        destination[1] = '2';
        destination[2] = '-';
        destination[3] = '0';
        destination[4] = '0';
        for (int i = 0; i < 4; i++)
        {
            byte octet = (byte)(value >> (24 - (8 * i)));
            int at = 5 + (3 * i);
            destination[at] = '-';
            destination[at + 1] = Hex(octet >> 4);
            destination[at + 2] = Hex(octet & 0xF);
        }

        written = 17;
        return true;
    }

    public static string Mac(long index)
    {
        Span<char> text = stackalloc char[17];
        TryFormatMac(index, text, out _);
        return new string(text);
    }

    public static string UserName(long index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"user{index:D6}");

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
