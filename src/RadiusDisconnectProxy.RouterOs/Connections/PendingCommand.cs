using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// Collects the replies of one tagged command until its <c>!done</c>. Its task completes on the connection's reader
/// thread and runs the waiting caller there directly (no thread-pool hop per reply); a caller never blocks on it.
/// </summary>
internal sealed class PendingCommand
{
    private readonly TaskCompletionSource<Response> _completion = new();
    private List<Row>? _rows;
    private RouterOsTrapException? _trap;

    public PendingCommand(string tag, long sentAt, long deadline, bool reused)
    {
        Tag = tag;
        SentAt = sentAt;
        Deadline = deadline;
        Reused = reused;
    }

    /// <summary>The command's <c>.tag</c>.</summary>
    public string Tag { get; }

    /// <summary><see cref="Environment.TickCount64"/> when it was sent.</summary>
    public long SentAt { get; }

    /// <summary>Sent on a connection that had finished commands before (a silent loss there may be a stale connection).</summary>
    public bool Reused { get; }

    /// <summary>The caller's token's registration, disposed when the command ends.</summary>
    public CancellationTokenRegistration OnCancel { get; set; }

    public Task<Response> Task => _completion.Task;

    /// <summary><see cref="Environment.TickCount64"/> at which the command times out (<see cref="CommandDeadlines"/>).</summary>
    public long Deadline { get; }

    /// <summary>At least one reply sentence for this command arrived.</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>Handles one reply; true when the command is finished.</summary>
    public bool Accept(Reply reply)
    {
        ReceivedAny = true;
        switch (reply.Type)
        {
            case ReplyType.Re:
                (_rows ??= []).Add(new Row(reply.Attributes));
                return false;
            case ReplyType.Trap:
                // Some failures send two traps (e.g. an unknown path on RouterOS 6); the first says most.
                _trap ??= new RouterOsTrapException(reply["message"] ?? "", ParseCategory(reply["category"]));
                return false;
            case ReplyType.Done:
                if (_trap is not null)
                {
                    _completion.TrySetException(_trap);
                }
                else
                {
                    _completion.TrySetResult(new Response((IReadOnlyList<Row>?)_rows ?? [], reply.Attributes));
                }

                return true;
            default:
                // !empty: zero rows (RouterOS 7.18+); !done follows.
                return false;
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>The deadline passed, or the caller gave up: the waiting caller sees an <see cref="OperationCanceledException"/>.</summary>
    public void TimeOut() => _completion.TrySetCanceled();

    private static int? ParseCategory(string? text) => int.TryParse(text, out int value) ? value : null;
}
