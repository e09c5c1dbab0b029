using System.Buffers.Binary;

namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>Event-Timestamp (55): seconds since 1970-01-01 UTC, 4 octets (RFC 2869 §5.3, RFC 5176 §6.3).</summary>
public static class EventTimestamp
{
    /// <summary>Reads the value; false when it is not exactly 4 octets.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out DateTimeOffset timestamp)
    {
        if (value.Length != 4)
        {
            timestamp = default;
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(value));
        return true;
    }

    /// <summary>The 32-bit wire value of a time (clamped to the representable range).</summary>
    public static uint ToWire(DateTimeOffset time) => (uint)Math.Clamp(time.ToUnixTimeSeconds(), 0, uint.MaxValue);

    /// <summary>True when <paramref name="timestamp"/> lies within ±<paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool IsWithinWindow(DateTimeOffset timestamp, DateTimeOffset now, TimeSpan window) =>
        (timestamp - now).Duration() <= window;
}
