namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// The RADIUS/1.1 header (RFC 9765 §4.1): Reserved-1 (the old Identifier) zero, the 4-octet Token where the
/// authenticator was, then 12 reserved zero octets. An answer carries the Token of its request (§4.2.1).
/// </summary>
internal static class Radius11Header
{
    public const int TokenOffset = 4;
    public const int TokenLength = 4;

    /// <summary>Turns an answer built the historic way into its RADIUS/1.1 form: the request's Token, nothing signed.</summary>
    public static void ToAnswer(Span<byte> answer, ReadOnlySpan<byte> request)
    {
        answer[1] = 0;
        request.Slice(TokenOffset, TokenLength).CopyTo(answer[TokenOffset..]);
        answer.Slice(TokenOffset + TokenLength, 12).Clear();
    }
}
