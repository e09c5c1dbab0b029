using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// Collects the replies of one tagged command until its <c>!done</c>. Its task completes on the connection's reader
/// thread and runs the waiting caller there directly (no thread-pool hop per reply); a caller never blocks on it.
/// </summary>
internal sealed class PendingCommand : TaskCompletionSource<Response>
{
    private List<Row>? _rows;
    private RouterOsTrapException? _trap;

    public PendingCommand(int tag, long sentAt, long deadline, bool reused)
    {
        Tag = tag;
        SentAt = sentAt;
        Deadline = deadline;
        Reused = reused;
    }

    /// <summary>The command's <c>.tag</c>.</summary>
    public int Tag { get; }

    /// <summary><see cref="Environment.TickCount64"/> when it was sent.</summary>
    public long SentAt { get; }

    /// <summary>Sent on a connection that had finished commands before (a silent loss there may be a stale connection).</summary>
    public bool Reused { get; }

    /// <summary>The caller's token's registration, disposed when the command ends.</summary>
    public CancellationTokenRegistration OnCancel { get; set; }

    /// <summary><see cref="Environment.TickCount64"/> at which the command times out (<see cref="CommandDeadlines"/>).</summary>
    public long Deadline { get; }

    /// <summary>At least one reply sentence for this command arrived.</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>
    /// Handles the reply the reader holds (its header already read by <see cref="Reply.ReadHeader"/>); true when the
    /// command is finished. Decodes only what the command keeps: a row's properties, a trap's message and category, the
    /// attributes of <c>!done</c>.
    /// </summary>
    public bool Accept(ReplyType type, SentenceReader reader)
    {
        ReceivedAny = true;
        switch (type)
        {
            case ReplyType.Re:
                (_rows ??= []).Add(Row.FromSentence(reader));
                return false;
            case ReplyType.Trap:
                // Some failures send two traps (e.g. an unknown path on RouterOS 6); the first says most.
                _trap ??= new RouterOsTrapException(Reply.AttributeValue(reader, "message"u8) ?? "",
                    ParseCategory(Reply.AttributeValue(reader, "category"u8)));
                return false;
            case ReplyType.Done:
                if (_trap is not null)
                {
                    TrySetException(_trap);
                }
                else
                {
                    TrySetResult(new Response((IReadOnlyList<Row>?)_rows ?? [], Reply.AttributesOf(reader)));
                }

                return true;
            default:
                // !empty: zero rows (RouterOS 7.18+); !done follows.
                return false;
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);

    /// <summary>The deadline passed, or the caller gave up: the waiting caller sees an <see cref="OperationCanceledException"/>.</summary>
    public void TimeOut() => TrySetCanceled();

    private static int? ParseCategory(string? text) => int.TryParse(text, out int value) ? value : null;
}
