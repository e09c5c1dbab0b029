using System.Threading.Tasks.Sources;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// One request in flight toward a NAS, pooled and reused: its 4096-octet buffer holds the signed request (sent again
/// byte for byte on every retransmission, RFC 5176 §2.3) and, once answered, the NAS's answer. It is its own awaitable
/// (<see cref="IValueTaskSource{TResult}"/>), so waiting for the answer allocates nothing. Fields are only touched under
/// the owning <see cref="UpstreamSocket"/>'s lock while it sits in a slot.
/// </summary>
internal sealed class PendingForward : IValueTaskSource<ForwardOutcome>
{
    // Continuations run inline on the completing thread (receive or timer loop): no thread hand-off per answer.
    private ManualResetValueTaskSourceCore<ForwardOutcome> _core;

    public byte[] Buffer { get; } = new byte[RadiusPacketLimits.MaxPacketLength];

    /// <summary>Length of the request while in flight, of the answer after <see cref="ForwardOutcome.Answered"/>.</summary>
    public int Length;

    public RadiusCode RequestCode;

    public bool AcceptZeroedMessageAuthenticator;

    public RetransmissionTimers Timers = RetransmissionTimers.Default;

    public RetransmissionSchedule Schedule;

    /// <summary>Set while it occupies a slot.</summary>
    public UpstreamSocket? Socket;

    public byte Identifier;

    /// <summary>The outcome decided under a lock, delivered by <see cref="Complete"/> after the lock is released.</summary>
    public ForwardOutcome DecidedOutcome;

    public ValueTask<ForwardOutcome> WaitAsync() => new(this, _core.Version);

    public void Complete(ForwardOutcome outcome) => _core.SetResult(outcome);

    public void Reset()
    {
        _core.Reset();
        Socket = null;
        Length = 0;
        DecidedOutcome = ForwardOutcome.Answered;
    }

    ForwardOutcome IValueTaskSource<ForwardOutcome>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ForwardOutcome>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<ForwardOutcome>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
