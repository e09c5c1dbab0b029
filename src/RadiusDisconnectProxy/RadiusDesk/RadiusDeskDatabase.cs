using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Runs operations on the RADIUSdesk database over MySqlConnector's connection pool, so that a database that is down or
/// slow never holds a request past its deadline and never piles up work: every operation runs under a short timeout of
/// its own, at most <see cref="MaxConcurrentOperations"/> run at once, and the caller stops waiting when its token fires
/// (the operation then finishes or times out in the background). Failures are reported as
/// <see cref="DatabaseResult{T}.IsAvailable"/> = false and logged once per outage, never with the password.
/// </summary>
internal sealed class RadiusDeskDatabase : IDisposable
{
    /// <summary>Caps the driver's connect timeout: a lookup must fail well inside a RADIUS client's retransmission time.</summary>
    internal const int MaxConnectTimeoutSeconds = 3;

    /// <summary>Caps the driver's command timeout.</summary>
    internal const int MaxCommandTimeoutSeconds = 5;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly TimeSpan _operationTimeout;
    private int _unavailable;

    /// <summary>While the database is down: the tick before which no new connection is tried (circuit-breaker window).</summary>
    private long _nextAttemptTick;

    /// <summary>
    /// After a failure, new operations fail at once for this long and then one of them probes the database, so a dead
    /// server sees about one connection attempt a second, and one that is back is used by the next request after that.
    /// </summary>
    internal static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(1);

    public RadiusDeskDatabase(RadiusDeskOptions options, ILogger<RadiusDeskDatabase> logger)
    {
        var builder = new MySqlConnectionStringBuilder(options.ConnectionString);
        builder.ConnectionTimeout = Math.Clamp(builder.ConnectionTimeout, 1, MaxConnectTimeoutSeconds);
        builder.DefaultCommandTimeout = builder.DefaultCommandTimeout == 0
            ? MaxCommandTimeoutSeconds
            : Math.Min(builder.DefaultCommandTimeout, MaxCommandTimeoutSeconds);
        _connectionString = builder.ConnectionString;
        _operationTimeout = TimeSpan.FromSeconds(builder.ConnectionTimeout + builder.DefaultCommandTimeout);
        MaxConcurrentOperations = (int)Math.Clamp(builder.MaximumPoolSize, 1, 64);
        _gate = new SemaphoreSlim(MaxConcurrentOperations, MaxConcurrentOperations);
        RedactedConnectionString = Redact(options.ConnectionString);
        _logger = logger;
    }

    /// <summary>The connection string with the password replaced by <c>***</c>: the only form that may be logged.</summary>
    public string RedactedConnectionString { get; }

    public int MaxConcurrentOperations { get; }

    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>Opens a pooled connection and runs <paramref name="work"/> on it, within the operation timeout and the caller's token.</summary>
    public async ValueTask<DatabaseResult<T>> RunAsync<T>(string operation, Func<MySqlConnection, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _unavailable) == 1)
        {
            long now = Environment.TickCount64;
            long next = Volatile.Read(ref _nextAttemptTick);
            // Inside the window, or another request is already probing: fail fast, do not hammer a dead server.
            if (now < next || Interlocked.CompareExchange(ref _nextAttemptTick, now + (long)RetryWindow.TotalMilliseconds, next) != next)
            {
                return DatabaseResult<T>.Failed;
            }
        }

        try
        {
            if (!await _gate.WaitAsync(_operationTimeout, cancellationToken))
            {
                MarkUnavailable(operation, "too many database operations in flight");
                return DatabaseResult<T>.Failed;
            }
        }
        catch (OperationCanceledException)
        {
            // The caller's deadline passed while every slot was busy: the busy operations report the outage themselves.
            return DatabaseResult<T>.Failed;
        }

        // The gate is released by the operation itself when it really ends, so abandoned operations still count.
        Task<DatabaseResult<T>> task = RunGatedAsync(operation, work);
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller stops waiting; the operation goes on under its own timeout and logs an outage if it fails.
            return DatabaseResult<T>.Failed;
        }
    }

    private async Task<DatabaseResult<T>> RunGatedAsync<T>(string operation, Func<MySqlConnection, CancellationToken, Task<T>> work)
    {
        using var timeout = new CancellationTokenSource(_operationTimeout);
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(timeout.Token);
            T value = await work(connection, timeout.Token);
            MarkAvailable();
            return new DatabaseResult<T>(true, value);
        }
        catch (Exception ex) when (ex is DbException or IOException or SocketException or TimeoutException
                                       or OperationCanceledException or InvalidOperationException)
        {
            MarkUnavailable(operation, ex is OperationCanceledException ? "timed out" : ex.Message);
            // Pooled sessions to a restarted server are dead: drop them so recovery is immediate.
            await MySqlConnection.ClearPoolAsync(connection, CancellationToken.None);
            return DatabaseResult<T>.Failed;
        }
        finally
        {
            await connection.DisposeAsync();
            _gate.Release();
        }
    }

    private void MarkUnavailable(string operation, string reason)
    {
        Volatile.Write(ref _nextAttemptTick, Environment.TickCount64 + (long)RetryWindow.TotalMilliseconds);
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            RadiusDeskLog.Unavailable(_logger, RedactedConnectionString, operation, reason);
        }
    }

    private void MarkAvailable()
    {
        if (Interlocked.Exchange(ref _unavailable, 0) == 1)
        {
            RadiusDeskLog.Available(_logger, RedactedConnectionString);
        }
    }

    public void Dispose() => _gate.Dispose();
}
