namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// One remembered request: its Request Authenticator and, once answered, the answer's bytes. Entries form a list
/// from oldest to newest so expiry and eviction take the oldest first without scanning.
/// </summary>
internal sealed class DuplicateEntry
{
    private byte[]? _answer;

    public DuplicateEntry(DuplicateKey key, ReadOnlySpan<byte> authenticator, long expiresAt)
    {
        Key = key;
        authenticator.CopyTo(Authenticator);
        ExpiresAt = expiresAt;
    }

    public DuplicateKey Key { get; }

    public RequestAuthenticatorBytes Authenticator;

    /// <summary>In <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public long ExpiresAt { get; }

    /// <summary>The outcome of a request that could not be answered: its retransmissions are dropped, never re-run.</summary>
    public static readonly byte[] NoAnswer = [];

    /// <summary>The answer as sent (<see cref="NoAnswer"/> when dropped); null while the request is still being worked on.</summary>
    public byte[]? Answer => Volatile.Read(ref _answer);

    internal DuplicateEntry? Older { get; set; }

    internal DuplicateEntry? Newer { get; set; }

    internal bool IsLinked { get; set; }

    internal void SetAnswer(byte[] answer) => Volatile.Write(ref _answer, answer);

    public bool Matches(ReadOnlySpan<byte> authenticator) => authenticator.SequenceEqual(Authenticator);
}
