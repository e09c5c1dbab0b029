using System.Collections.Concurrent;
using System.Net.Sockets;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// One logged-in API connection. Every command gets its own <c>.tag</c>, so several run at once; a single reader
/// task hands each reply to the command with that tag (API manual, "Tags"). After <c>!fatal</c>, a protocol error or
/// a dropped socket every running command fails and the connection is unusable; the pool opens a new one.
/// </summary>
public sealed partial class Connection : IAsyncDisposable, IReplyReceiver
{
    private readonly RouterOsClientOptions _options;
    private readonly Stream _stream;
    private readonly SentenceReader _reader;
    private readonly SentenceWriter _writer = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, PendingCommand> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task _readLoop = Task.CompletedTask;
    private ReplyLoop? _loop;
    private Socket? _socket;
    private ulong _loopId;
    private TaskCompletionSource? _loopDone;
    private bool _loopClosed;
    private RouterOsException? _failure;
    private long _lastReceive;
    private int _nextTag;
    private int _silentTimeouts;
    private long _completed;
    private bool _lostMidSentence;
    private int _inFlight;
    private int _disposed;

    private Connection(RouterOsClientOptions options, Stream stream)
    {
        _options = options;
        _stream = stream;
        _reader = new SentenceReader(stream);
    }

    /// <summary>False after a failure or dispose; the pool then drops it.</summary>
    public bool IsUsable => Volatile.Read(ref _failure) is null;

    /// <summary>Commands this connection has finished (answered with !done), i.e. it was in use before.</summary>
    internal long Completed => Interlocked.Read(ref _completed);

    /// <summary>Commands sent and not yet finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Connects (TLS if configured) and logs in on a short-lived thread of its own with blocking calls (see
    /// <see cref="Connect"/>), so that opening many router connections at once never blocks thread-pool threads;
    /// then starts the reply reader: the process's <see cref="ReplyLoop"/> for plain TCP, an asynchronous reader for
    /// API-SSL.
    /// </summary>
    public static Task<Connection> OpenAsync(RouterOsClientOptions options, CancellationToken cancellationToken)
    {
        var opened = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(static state =>
        {
            var (options, cancellationToken, opened) = ((RouterOsClientOptions, CancellationToken, TaskCompletionSource<Connection>))state!;
            Connection connection;
            try
            {
                connection = Open(options, cancellationToken);
            }
            catch (Exception e)
            {
                opened.TrySetException(e);
                return;
            }

            try
            {
                connection.StartReader();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                connection.Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {options.Host}:{options.Port} dropped the connection after login.", e));
                opened.TrySetException(connection._failure!);
                return;
            }

            opened.TrySetResult(connection);
        })
        {
            IsBackground = true,
            Name = "rdp-routeros",
        };
        thread.UnsafeStart((options, cancellationToken, opened));
        return opened.Task;
    }

    private static Connection Open(RouterOsClientOptions options, CancellationToken cancellationToken)
    {
        Stream stream = Connect(options, cancellationToken);
        var connection = new Connection(options, stream);
        try
        {
            using var loginTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Login is part of opening the connection: bounded like a command, but never tighter than the connect timeout.
            loginTimeout.CancelAfter(options.CommandTimeout > options.ConnectTimeout ? options.CommandTimeout : options.ConnectTimeout);
            try
            {
                // Blocking reads (see Connect); the timeout closes the stream, which ends a blocked read.
                using (loginTimeout.Token.UnsafeRegister(static state => ((Stream)state!).Dispose(), stream))
                {
                    connection.Login();
                }
            }
            catch (Exception e) when (loginTimeout.IsCancellationRequested && e is IOException or ObjectDisposedException or SocketException
                                          or EndOfStreamException or RouterOsException { Cause: RouterOsErrorCause.ConnectionLost })
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new RouterOsException(RouterOsErrorCause.Timeout, $"Router {options.Host}:{options.Port} did not answer the login in time.");
            }
            catch (InvalidDataException e)
            {
                throw new RouterOsProtocolException($"Router {options.Host}:{options.Port} broke the API protocol during login: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException or SocketException)
            {
                throw new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {options.Host}:{options.Port} dropped the connection during login.", e);
            }

            connection._lastReceive = Environment.TickCount64;
            return connection;
        }
        catch
        {
            // No reader runs yet: close here, then the pooled buffer can go back.
            connection.Abort(new RouterOsException(RouterOsErrorCause.Disposed, $"The connection to {options.Host}:{options.Port} was closed."));
            connection._reader.Dispose();
            connection._lifetime.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends the command and waits for its <c>!done</c>. <c>!trap</c> → <see cref="RouterOsTrapException"/>; no answer
    /// within <see cref="RouterOsClientOptions.CommandTimeout"/> → <see cref="RouterOsErrorCause.Timeout"/> (and
    /// <c>/cancel</c> is sent); the caller's token → <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<Response> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        PendingCommand pending = Register(command, cancellationToken);
        Task write = WriteAsync(command, pending.Tag, null, 0, null, cancellationToken);
        return write.IsCompletedSuccessfully ? pending.Task : CompleteAfterWriteAsync(pending, write, cancellationToken);
    }

    /// <summary>
    /// Two commands sent in one write (each tagged, so they still run and finish independently, API manual "Tags"): the
    /// router answers both on this connection, and replies that arrive together are read in one wake-up. Each task
    /// behaves as <see cref="ExecuteAsync"/>'s.
    /// </summary>
    public (Task<Response> First, Task<Response> Second) ExecuteTogether(Command first, Command second, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        PendingCommand one = Register(first, cancellationToken);
        PendingCommand two = Register(second, cancellationToken);
        Task write = WriteAsync(first, one.Tag, second, two.Tag, null, cancellationToken);
        return write.IsCompletedSuccessfully
            ? (one.Task, two.Task)
            : (CompleteAfterWriteAsync(one, write, cancellationToken), CompleteAfterWriteAsync(two, write, cancellationToken));
    }

    /// <summary>
    /// A new tagged command: waited for by tag, timed out by <see cref="CommandDeadlines"/> and by the caller's token. It
    /// finishes itself (<see cref="PendingCommand"/>), so the usual command costs no state machine of its own.
    /// </summary>
    private PendingCommand Register(Command command, CancellationToken cancellationToken)
    {
        int tag = NextTag();
        long sentAt = Environment.TickCount64;
        var pending = new PendingCommand(this, command.Path, tag, sentAt, sentAt + (long)_options.CommandTimeout.TotalMilliseconds, Completed > 0,
            cancellationToken);
        _pending[tag] = pending;
        Interlocked.Increment(ref _inFlight);
        CommandDeadlines.Add(pending);
        // The caller's token (the request deadline, shutdown) ends the wait too; no timer of our own per command.
        pending.OnCancel = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((PendingCommand)state!).TimeOut(), pending)
            : default;
        if (Volatile.Read(ref _failure) is { } failure)
        {
            pending.Fail(failure);
        }

        return pending;
    }

    /// <summary>Rare: the write waited for the lock or a full socket buffer. Bounded by what is left of the deadline.</summary>
    private async Task<Response> CompleteAfterWriteAsync(PendingCommand pending, Task write, CancellationToken cancellationToken)
    {
        try
        {
            if (!write.IsCompleted)
            {
                await AwaitWriteAsync(write, pending.Deadline, cancellationToken);
            }

            await write;
        }
        catch (OperationCanceledException)
        {
            pending.TimeOut();
        }
        catch (RouterOsException e)
        {
            // The failed write aborted the connection, which fails every command already; this one at the latest here.
            pending.Fail(e);
        }

        return await pending.Task;
    }

    /// <summary>
    /// The exception a command fails with when the connection fails: a command lost without any answer on a reused
    /// connection (not mid-reply) is a <see cref="RouterOsException.SilentLoss"/>, which the pool retries once.
    /// </summary>
    internal Exception FailureOf(PendingCommand pending, Exception failure) =>
        failure is RouterOsException { Cause: RouterOsErrorCause.ConnectionLost } e && pending.Reused && !pending.ReceivedAny
            && !Volatile.Read(ref _lostMidSentence)
            ? new RouterOsException(e.Cause, e.Message, e) { SilentLoss = true }
            : failure;

    /// <summary>
    /// A command timed out (its deadline, or the caller's token): twice nothing at all came back → the link counts as
    /// dead; else the router is told to <c>/cancel</c> it. Returns the exception for the caller, or null when the
    /// caller's token was cancelled (an <see cref="OperationCanceledException"/> then).
    /// </summary>
    internal RouterOsException? TimedOut(PendingCommand pending)
    {
        _pending.TryRemove(pending.Tag, out _);
        bool callerCancelled = pending.CallerToken.IsCancellationRequested;
        if (Volatile.Read(ref _lastReceive) <= pending.SentAt && !callerCancelled && Interlocked.Increment(ref _silentTimeouts) >= 2)
        {
            Abort(new RouterOsException(RouterOsErrorCause.Timeout, $"Router {_options.Host}:{_options.Port} stopped answering."));
        }
        else if (IsUsable)
        {
            _ = CancelAsync(pending.Tag);
        }

        return callerCancelled
            ? null
            : new RouterOsException(RouterOsErrorCause.Timeout, $"Router {_options.Host}:{_options.Port} did not finish {pending.Path} in time.");
    }

    /// <summary>Once per command, before its caller continues: it no longer counts as running.</summary>
    internal void Finished(PendingCommand pending, bool answered)
    {
        CommandDeadlines.Remove(pending);
        pending.OnCancel.Dispose();
        _pending.TryRemove(pending.Tag, out _);
        Interlocked.Decrement(ref _inFlight);
        if (answered)
        {
            Interlocked.Increment(ref _completed);
        }
    }

    /// <summary>
    /// Waits for a write that did not complete at once until the command's deadline; a sentence stuck half-written
    /// leaves the stream unusable, so the connection is dropped then.
    /// </summary>
    private async Task AwaitWriteAsync(Task write, long deadline, CancellationToken cancellationToken)
    {
        try
        {
            await write.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(deadline - Environment.TickCount64, 1)), cancellationToken);
        }
        catch (TimeoutException e)
        {
            Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Sending to {_options.Host}:{_options.Port} timed out.", e));
            throw new OperationCanceledException("write timed out", e);
        }
    }

    /// <summary>Sends <c>/quit</c> when the connection is healthy, then closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (IsUsable)
        {
            try
            {
                // The router answers !fatal "session terminated on request" and closes; over API-SSL it may send
                // nothing, so do not wait for an answer longer than a moment.
                using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await WriteAsync(new Command("/quit"), 0, null, 0, null, quitTimeout.Token);
                await _readLoop.WaitAsync(quitTimeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or RouterOsException or IOException or ObjectDisposedException)
            {
                // Best effort: closing below is what matters.
            }
        }

        Abort(new RouterOsException(RouterOsErrorCause.Disposed, $"The connection to {_options.Host}:{_options.Port} was closed."));
        await CloseAsync();
    }

    /// <summary>Tags are positive decimal numbers, so replies are matched without a string per reply (wraps past int.MaxValue).</summary>
    private int NextTag()
    {
        int tag = Interlocked.Increment(ref _nextTag) & int.MaxValue;
        return tag == 0 ? NextTag() : tag;
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }
}
