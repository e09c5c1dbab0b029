using RadiusDisconnectProxy.RouterOs.Connections;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs;

/// <summary>
/// The client for one router: a small pool (at most <see cref="RouterOsClientOptions.MaxConnections"/>) of
/// logged-in connections, opened lazily and reused, because routers log every API login. A free connection is
/// preferred; when all are busy a new one is opened up to the limit, else commands share the least busy one (tags
/// multiplex them). Failed connections are dropped; after failed connection attempts new attempts back off
/// exponentially and callers fail fast in between. Thread-safe.
/// </summary>
public sealed class RouterOsClient : IAsyncDisposable
{
    private readonly RouterOsClientOptions _options;
    private readonly Task<Connection>?[] _slots;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disposing = new();
    private int _consecutiveFailures;
    private long _nextAttempt;
    private Exception? _lastFailure;
    private long _logins;
    private bool _disposed;

    public RouterOsClient(RouterOsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        _options = options;
        _slots = new Task<Connection>?[options.MaxConnections];
    }

    public RouterOsClientOptions Options => _options;

    /// <summary>Successful logins performed so far (one per connection opened).</summary>
    public long LoginCount => Interlocked.Read(ref _logins);

    /// <summary>Connections currently open and usable.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count(s => s is { IsCompletedSuccessfully: true } t && t.Result.IsUsable);
            }
        }
    }

    /// <summary>
    /// Runs one command on a pooled connection. Failures: <see cref="RouterOsException"/> and subtypes. A command
    /// sent on a reused connection that turns out to be dead (lost without any answer) is retried once on a new one.
    /// </summary>
    public async Task<Response> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Connection connection = await AcquireAsync(cancellationToken);
        try
        {
            return await connection.ExecuteAsync(command, cancellationToken);
        }
        catch (RouterOsException e) when (e.SilentLoss && !cancellationToken.IsCancellationRequested)
        {
            // A pooled connection that died while idle (router reboot, NAT state expired) fails the next command
            // before any answer to it. Retry once on a fresh connection rather than fail a request that would
            // succeed: a DAC's retransmission would only get the cached failure back (RFC 5176 §2.3 duplicates).
            // Safe for our commands: print is read-only; remove/set by .id are idempotent ("no such item" = done).
            Connection fresh = await AcquireAsync(cancellationToken);
            return await fresh.ExecuteAsync(command, cancellationToken);
        }
    }

    /// <summary>
    /// Runs two independent commands on one pooled connection, written in one send, so that their replies can be read in
    /// one wake-up (the hotspot and PPP prints of a removal); otherwise as two <see cref="ExecuteAsync"/> calls, each
    /// retried alone after a silent loss. The first command's failure is thrown first.
    /// </summary>
    public async Task<(Response First, Response Second)> ExecuteTogetherAsync(Command first, Command second, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Connection connection = await AcquireAsync(cancellationToken);
        (Task<Response> one, Task<Response> two) = connection.ExecuteTogether(first, second, cancellationToken);
        Response? firstResponse = null;
        Response? secondResponse = null;
        Exception? firstFailure = null;
        Exception? secondFailure = null;
        // Both are awaited before either failure is thrown, so neither is left unobserved.
        try
        {
            firstResponse = await one;
        }
        catch (Exception e)
        {
            firstFailure = e;
        }

        try
        {
            secondResponse = await two;
        }
        catch (Exception e)
        {
            secondFailure = e;
        }

        firstResponse ??= await RetrySilentLossAsync(firstFailure!, first, cancellationToken);
        secondResponse ??= await RetrySilentLossAsync(secondFailure!, second, cancellationToken);
        return (firstResponse, secondResponse);
    }

    /// <summary>
    /// Sends two independent commands in one write on one pooled connection and hands back each one's task, for a caller
    /// that handles the answers separately (the remove of a hotspot session and the print of its user's cookies). Unlike
    /// <see cref="ExecuteAsync"/>, a command lost with a connection that died while idle is not retried here: its task
    /// fails with <see cref="RouterOsException.SilentLoss"/> set, and the caller runs it again with <see cref="ExecuteAsync"/>.
    /// </summary>
    public async ValueTask<(Task<Response> First, Task<Response> Second)> SendTogetherAsync(Command first, Command second,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Connection connection = await AcquireAsync(cancellationToken);
        return connection.ExecuteTogether(first, second, cancellationToken);
    }

    /// <summary>As in <see cref="ExecuteAsync"/>: a command lost with a pooled connection that died while idle is retried once on a fresh one; any other failure is rethrown.</summary>
    private async Task<Response> RetrySilentLossAsync(Exception failure, Command command, CancellationToken cancellationToken)
    {
        if (failure is RouterOsException { SilentLoss: true } && !cancellationToken.IsCancellationRequested)
        {
            Connection fresh = await AcquireAsync(cancellationToken);
            return await fresh.ExecuteAsync(command, cancellationToken);
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        Task<Connection>?[] slots;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            slots = (Task<Connection>?[])_slots.Clone();
            Array.Clear(_slots);
        }

        await _disposing.CancelAsync();
        foreach (Task<Connection>? slot in slots)
        {
            if (slot is null)
            {
                continue;
            }

            try
            {
                Connection connection = await slot;
                await connection.DisposeAsync();
            }
            catch (Exception e) when (e is RouterOsException or OperationCanceledException)
            {
                // It never opened; nothing to close.
            }
        }

        _disposing.Dispose();
    }

    /// <summary>A pooled connection: at once when one is open (no task allocated), else once one has opened.</summary>
    private ValueTask<Connection> AcquireAsync(CancellationToken cancellationToken)
    {
        (Connection? ready, Task<Connection>? opening) = Choose();
        return ready is not null ? new ValueTask<Connection>(ready) : new ValueTask<Connection>(opening!.WaitAsync(cancellationToken));
    }

    /// <summary>An open connection to use now, or the connection being opened to wait for.</summary>
    private (Connection? Ready, Task<Connection>? Opening) Choose()
    {
        Task<Connection> chosen;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Connection? best = null;
            Task<Connection>? opening = null;
            int freeSlot = -1;
            for (int i = 0; i < _slots.Length; i++)
            {
                Task<Connection>? slot = _slots[i];
                if (slot is null)
                {
                    freeSlot = freeSlot < 0 ? i : freeSlot;
                }
                else if (slot.IsCompletedSuccessfully)
                {
                    Connection connection = slot.Result;
                    if (!connection.IsUsable)
                    {
                        _slots[i] = null;
                        freeSlot = freeSlot < 0 ? i : freeSlot;
                        _ = connection.DisposeAsync().AsTask();
                    }
                    else if (best is null || connection.InFlight < best.InFlight)
                    {
                        best = connection;
                    }
                }
                else if (slot.IsCompleted)
                {
                    _slots[i] = null;
                    freeSlot = freeSlot < 0 ? i : freeSlot;
                }
                else
                {
                    opening ??= slot;
                }
            }

            if (best is { InFlight: 0 })
            {
                return (best, null);
            }

            // One login at a time: while a connection is being opened, callers share it (or a busy one) instead of
            // starting another login; a second connection is opened only when the first is busy.
            if (freeSlot >= 0 && opening is null && Environment.TickCount64 >= _nextAttempt)
            {
                chosen = _slots[freeSlot] = OpenAsync();
            }
            else if (best is not null)
            {
                return (best, null);
            }
            else if (opening is not null)
            {
                chosen = opening;
            }
            else
            {
                throw new RouterOsException(RouterOsErrorCause.Backoff,
                    $"Router {_options.Host}:{_options.Port} is unreachable; retrying later. Last error: {_lastFailure?.Message}", _lastFailure);
            }
        }

        return (null, chosen);
    }

    private async Task<Connection> OpenAsync()
    {
        await Task.Yield(); // never run the connect under the caller's lock
        try
        {
            Connection connection = await Connection.OpenAsync(_options, _disposing.Token);
            Interlocked.Increment(ref _logins);
            lock (_lock)
            {
                _consecutiveFailures = 0;
                _lastFailure = null;
            }

            return connection;
        }
        catch (Exception e) when (e is RouterOsException or OperationCanceledException)
        {
            lock (_lock)
            {
                _consecutiveFailures++;
                _lastFailure = e;
                double delay = Math.Min(Math.Max(_options.ReconnectBackoffMax.TotalMilliseconds, _options.ReconnectBackoffMin.TotalMilliseconds),
                    _options.ReconnectBackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(_consecutiveFailures - 1, 16)));
                _nextAttempt = Environment.TickCount64 + (long)delay;
            }

            if (e is OperationCanceledException)
            {
                throw new RouterOsException(RouterOsErrorCause.Disposed, "The RouterOS client was disposed.", e);
            }

            throw;
        }
    }
}
