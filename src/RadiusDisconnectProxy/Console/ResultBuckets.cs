using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Fixed buckets for "results by Error-Cause": ACK without a cause, ACK or NAK with each RFC 5176 §3.5 value, and one
/// bucket for any other value, so counting needs no dictionary on the request path.
/// </summary>
internal static class ResultBuckets
{
    private static readonly ErrorCause[] s_causes = Enum.GetValues<ErrorCause>();

    /// <summary>0 = ACK without Error-Cause, 1..n = the known causes, n+1 = NAK without or with an unknown cause.</summary>
    public static int Count { get; } = s_causes.Length + 2;

    public static int IndexOf(bool isAck, ErrorCause? cause)
    {
        if (cause is { } value)
        {
            int index = Array.IndexOf(s_causes, value);
            if (index >= 0)
            {
                return index + 1;
            }
        }

        return isAck ? 0 : Count - 1;
    }

    public static bool IsAckBucket(int index) => index == 0 || (index < Count - 1 && (uint)s_causes[index - 1] < 400);

    public static ErrorCause? CauseOf(int index) => index > 0 && index < Count - 1 ? s_causes[index - 1] : null;
}
