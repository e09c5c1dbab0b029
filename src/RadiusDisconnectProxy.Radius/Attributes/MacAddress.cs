namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>
/// A 48-bit MAC address, as NASes put it in Calling-Station-Id in their own notation (CoovaChilli
/// <c>0C-C6-FD-7B-8B-AA</c>, RouterOS <c>0C:C6:FD:7B:8B:AA</c>, Cisco <c>0cc6.fd7b.8baa</c>, bare hex) and as peers
/// expect it back (<see cref="Format"/>). The one parser for every MAC the proxy reads: the wire, radius.conf and the
/// RADIUSdesk database.
/// </summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    private const int HexDigits = 12;

    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value;

    /// <summary>
    /// Exactly 12 hex digits in either case, with any of <c>- : .</c> or space before, between or after them (or none),
    /// and surrounding white space; false for anything else (13 digits, a <c>g</c>, a port name such as <c>line-7/0/1</c>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress address)
    {
        address = default;
        ulong value = 0;
        int digits = 0;
        foreach (char c in text.Trim())
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

            if (digits == HexDigits)
            {
                return false;
            }

            value = (value << 4) | (uint)nibble;
            digits++;
        }

        if (digits != HexDigits)
        {
            return false;
        }

        address = new MacAddress(value);
        return true;
    }

    /// <summary>The address in <paramref name="notation"/>, upper case unless <paramref name="lowerCase"/>.</summary>
    public string Format(MacAddressNotation notation, bool lowerCase = false) =>
        string.Create(Length(notation), (this, notation, lowerCase), static (destination, state) =>
            state.Item1.TryFormat(destination, out _, state.notation, state.lowerCase));

    /// <summary>
    /// Writes the address as <see cref="Format"/> does into <paramref name="destination"/> (no string: for callers that
    /// build a longer text around it); false when it does not fit.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int written, MacAddressNotation notation = MacAddressNotation.Dashes, bool lowerCase = false)
    {
        int length = Length(notation);
        (char separator, int group) = notation switch
        {
            MacAddressNotation.Dashes => ('-', 2),
            MacAddressNotation.Colons => (':', 2),
            MacAddressNotation.Dots => ('.', 4),
            _ => ('\0', HexDigits),
        };
        written = 0;
        if (destination.Length < length)
        {
            return false;
        }

        int position = 0;
        for (int digit = 0; digit < HexDigits; digit++)
        {
            if (digit > 0 && digit % group == 0)
            {
                destination[position++] = separator;
            }

            int nibble = (int)(_value >> ((HexDigits - 1 - digit) * 4)) & 0xF;
            destination[position++] = nibble < 10 ? (char)('0' + nibble) : (char)((lowerCase ? 'a' : 'A') + nibble - 10);
        }

        written = length;
        return true;
    }

    private static int Length(MacAddressNotation notation) => notation switch
    {
        MacAddressNotation.Dashes or MacAddressNotation.Colons => 17,
        MacAddressNotation.Dots => 14,
        _ => 12,
    };

    /// <summary>Upper case with dashes, <c>0C-C6-FD-7B-8B-AA</c>.</summary>
    public override string ToString() => Format(MacAddressNotation.Dashes);

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
