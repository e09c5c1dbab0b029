namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>One Identifier of one socket: its pooled request buffer and the state of the request in it.</summary>
internal sealed class Slot(byte identifier)
{
    public const int Free = 0;
    public const int InFlight = 1;
    public const int Busy = 2;

    public byte Identifier { get; } = identifier;

    /// <summary>The request; 4096 bytes so any RADIUS packet fits (RFC 2865 §3).</summary>
    public byte[] Buffer { get; } = new byte[4096];

    /// <summary>Code, Identifier, Length and authenticator of the request answered or given up last: tells a late answer from a forged one.</summary>
    public byte[] PreviousHeader { get; } = new byte[20];

    public int Length;
    public long SentTimestamp;

    /// <summary><see cref="Free"/>, <see cref="InFlight"/> or <see cref="Busy"/> (someone is completing it); changed with Interlocked.</summary>
    public int State;

    public bool TryTake(int from) => Interlocked.CompareExchange(ref State, Busy, from) == from;

    public void RememberAsPrevious() => Buffer.AsSpan(0, 20).CopyTo(PreviousHeader);
}
