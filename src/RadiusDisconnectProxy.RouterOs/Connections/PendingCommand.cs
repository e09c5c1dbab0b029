using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// Collects the replies of one tagged command until its <c>!done</c>. Its task completes on the connection's reader
/// thread and runs the waiting caller there directly (no thread-pool hop per reply); a caller never blocks on it. It
/// ends exactly once, by its answer, a connection failure or a time-out, whichever comes first, and then tells its
/// connection (<see cref="Connection.Finished"/>) before the caller continues.
/// </summary>
internal sealed class PendingCommand : TaskCompletionSource<Response>
{
    private readonly Connection _connection;
    private List<Row>? _rows;
    private RouterOsTrapException? _trap;
    private int _ended;

    public PendingCommand(Connection connection, string path, int tag, long sentAt, long deadline, bool reused, CancellationToken callerToken)
    {
        _connection = connection;
        Path = path;
        CallerToken = callerToken;
        Tag = tag;
        SentAt = sentAt;
        Deadline = deadline;
        Reused = reused;
    }

    /// <summary>The command word, for the time-out message.</summary>
    public string Path { get; }

    /// <summary>The caller's token: when it ended the wait, the caller sees an <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CallerToken { get; }

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
                if (End())
                {
                    _connection.Finished(this, answered: true);
                    if (_trap is not null)
                    {
                        TrySetException(_trap);
                    }
                    else
                    {
                        TrySetResult(new Response((IReadOnlyList<Row>?)_rows ?? [], Reply.AttributesOf(reader)));
                    }
                }

                return true;
            default:
                // !empty: zero rows (RouterOS 7.18+); !done follows.
                return false;
        }
    }

    /// <summary>The connection failed (or the write did): ends the command with the failure, or a silent loss.</summary>
    public void Fail(Exception exception)
    {
        if (End())
        {
            Exception failure = _connection.FailureOf(this, exception);
            _connection.Finished(this, answered: false);
            TrySetException(failure);
        }
    }

    /// <summary>
    /// The deadline passed (a <see cref="RouterOsErrorCause.Timeout"/> for the caller, <c>/cancel</c> to the router), or the
    /// caller's token ended the wait (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public void TimeOut()
    {
        if (End())
        {
            RouterOsException? timeout = _connection.TimedOut(this);
            _connection.Finished(this, answered: false);
            if (timeout is null)
            {
                TrySetCanceled(CallerToken);
            }
            else
            {
                TrySetException(timeout);
            }
        }
    }

    private bool End() => Interlocked.Exchange(ref _ended, 1) == 0;

    private static int? ParseCategory(string? text) => int.TryParse(text, out int value) ? value : null;
}
