using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// One logged-in API connection. Every command gets its own <c>.tag</c>, so several run at once; a single reader
/// task hands each reply to the command with that tag (API manual, "Tags"). After <c>!fatal</c>, a protocol error or
/// a dropped socket every running command fails and the connection is unusable; the pool opens a new one.
/// </summary>
public sealed partial class Connection : IAsyncDisposable
{
    private readonly RouterOsClientOptions _options;
    private readonly Stream _stream;
    private readonly SentenceReader _reader;
    private readonly SentenceWriter _writer = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingCommand> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private Task _readLoop = Task.CompletedTask;
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

    /// <summary>Connects (TLS if configured), logs in and starts the reply reader.</summary>
    public static async Task<Connection> OpenAsync(RouterOsClientOptions options, CancellationToken cancellationToken)
    {
        Stream stream = await ConnectAsync(options, cancellationToken);
        var connection = new Connection(options, stream);
        try
        {
            using var loginTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Login is part of opening the connection: bounded like a command, but never tighter than the connect timeout.
            loginTimeout.CancelAfter(options.CommandTimeout > options.ConnectTimeout ? options.CommandTimeout : options.ConnectTimeout);
            try
            {
                await connection.LoginAsync(loginTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RouterOsException(RouterOsErrorCause.Timeout, $"Router {options.Host}:{options.Port} did not answer the login in time.");
            }
            catch (InvalidDataException e)
            {
                throw new RouterOsProtocolException($"Router {options.Host}:{options.Port} broke the API protocol during login: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {options.Host}:{options.Port} dropped the connection during login.", e);
            }

            connection._lastReceive = Environment.TickCount64;
            connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            return connection;
        }
        catch
        {
            await connection.CloseAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the command and waits for its <c>!done</c>. <c>!trap</c> → <see cref="RouterOsTrapException"/>; no answer
    /// within <see cref="RouterOsClientOptions.CommandTimeout"/> → <see cref="RouterOsErrorCause.Timeout"/> (and
    /// <c>/cancel</c> is sent); the caller's token → <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<Response> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        bool reused = Completed > 0;
        string tag = Interlocked.Increment(ref _nextTag).ToString(CultureInfo.InvariantCulture);
        var pending = new PendingCommand();
        _pending[tag] = pending;
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Volatile.Read(ref _failure) is { } failure)
            {
                pending.Fail(failure);
            }

            long sentAt = Environment.TickCount64;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.CommandTimeout);
            try
            {
                try
                {
                    await WriteAsync(command, tag, deadline.Token);
                    return await pending.Task.WaitAsync(deadline.Token);
                }
                catch (RouterOsTrapException)
                {
                    Interlocked.Increment(ref _completed);
                    throw;
                }
                catch (RouterOsException e) when (e.Cause == RouterOsErrorCause.ConnectionLost && reused && !pending.ReceivedAny
                    && !Volatile.Read(ref _lostMidSentence))
                {
                    throw new RouterOsException(e.Cause, e.Message, e) { SilentLoss = true };
                }
                finally
                {
                    if (pending.Task.IsCompletedSuccessfully)
                    {
                        Interlocked.Increment(ref _completed);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                _pending.TryRemove(tag, out _);
                if (Volatile.Read(ref _lastReceive) <= sentAt && !cancellationToken.IsCancellationRequested
                    && Interlocked.Increment(ref _silentTimeouts) >= 2)
                {
                    // Twice nothing at all came back: treat the link as dead (half-open) rather than wait on it again.
                    Abort(new RouterOsException(RouterOsErrorCause.Timeout, $"Router {_options.Host}:{_options.Port} stopped answering."));
                }
                else if (IsUsable)
                {
                    _ = CancelAsync(tag);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new RouterOsException(RouterOsErrorCause.Timeout, $"Router {_options.Host}:{_options.Port} did not finish {command.Path} in time.");
            }
        }
        finally
        {
            _pending.TryRemove(tag, out _);
            Interlocked.Decrement(ref _inFlight);
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
                await WriteAsync(new Command("/quit"), null, quitTimeout.Token);
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

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }
}
