using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// A reusable UTF-8 buffer the audit writer renders lines into: grows when a line needs it, never shrinks, so rendering a
/// steady stream of events allocates nothing. Values are written in the invariant forms the log formatter uses.
/// </summary>
internal sealed class Utf8LineBuffer(int initialSize)
{
    private byte[] _bytes = new byte[initialSize];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Free(utf8.Length));
        Length += utf8.Length;
    }

    public void AppendAscii(byte b)
    {
        Free(1)[0] = b;
        Length++;
    }

    public void Append(string text)
    {
        Length += Encoding.UTF8.GetBytes(text, Free(Encoding.UTF8.GetMaxByteCount(text.Length)));
    }

    public void Append<T>(T value, ReadOnlySpan<char> format = default) where T : IUtf8SpanFormattable
    {
        int written;
        for (int room = 64; !value.TryFormat(Free(room), out written, format, CultureInfo.InvariantCulture); room *= 2)
        {
        }

        Length += written;
    }

    /// <summary>As <see cref="IPEndPoint.ToString"/>: <c>1.2.3.4:5</c>, <c>[::1]:5</c>.</summary>
    public void Append(IPEndPoint endPoint)
    {
        bool v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        if (v6)
        {
            AppendAscii((byte)'[');
        }

        Append(endPoint.Address);
        if (v6)
        {
            AppendAscii((byte)']');
        }

        AppendAscii((byte)':');
        Append(endPoint.Port);
    }

    /// <summary>
    /// Appends <paramref name="utf8"/> as the inside of a JSON string, escaped as Serilog's JSON value formatter does:
    /// quote, backslash and control characters (\n \r \f \t by name, the rest as \u00XX). UTF-8 multi-byte sequences never
    /// contain a byte below 0x80, so escaping byte by byte is escaping character by character.
    /// </summary>
    public void AppendJsonEscaped(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            int i = utf8.IndexOfAny(JsonSpecial);
            if (i < 0)
            {
                Append(utf8);
                return;
            }

            Append(utf8[..i]);
            byte c = utf8[i];
            switch (c)
            {
                case (byte)'"': Append("\\\""u8); break;
                case (byte)'\\': Append("\\\\"u8); break;
                case (byte)'\n': Append("\\n"u8); break;
                case (byte)'\r': Append("\\r"u8); break;
                case (byte)'\f': Append("\\f"u8); break;
                case (byte)'\t': Append("\\t"u8); break;
                default:
                    Append("\\u"u8);
                    Append((int)c, "X4");
                    break;
            }

            utf8 = utf8[(i + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<byte> JsonSpecial = System.Buffers.SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private Span<byte> Free(int needed)
    {
        if (_bytes.Length - Length < needed)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + needed));
        }

        return _bytes.AsSpan(Length);
    }
}
