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

    private readonly ILogger _logger;

    /// <summary>
    /// The running connection settings, replaced whole by a reload with another connection string (docs/operations.md,
    /// "Reload"): an operation reads it once when it starts and finishes on it, so requests in flight keep their database.
    /// </summary>
    private volatile Pool _pool;
    private volatile RadiusDeskOptions _options;

    /// <summary>
    /// After a failure, new operations fail at once for this long and then one of them probes the database, so a dead
    /// server sees about one connection attempt a second, and one that is back is used by the next request after that.
    /// </summary>
    internal static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(1);

    public RadiusDeskDatabase(RadiusDeskOptions options, ILogger<RadiusDeskDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pool = new Pool(options.ConnectionString);
        _options = options;
        _logger = logger;
    }

    /// <summary>The running <c>radiusdesk</c> section (cache_ttl, record_actions, verify, verify_timeout are read from here per request).</summary>
    public RadiusDeskOptions Options => _options;

    /// <summary>The connection string with the password replaced by <c>***</c>: the only form that may be logged.</summary>
    public string RedactedConnectionString => _pool.Redacted;

    public int MaxConcurrentOperations => _pool.MaxConcurrentOperations;

    /// <summary>
    /// A reloaded section: the other settings apply to operations that start from now on; a changed connection string gets a
    /// fresh pool (its own concurrency gate and outage state), and the old pool's idle connections are closed (those in
    /// use close when their operation ends). Returns true when the database changed.
    /// </summary>
    public bool Reconfigure(RadiusDeskOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Pool running = _pool;
        bool changed = !string.Equals(running.Source, next.ConnectionString, StringComparison.Ordinal);
        if (changed)
        {
            _pool = new Pool(next.ConnectionString);
            _ = ClearAsync(running.ConnectionString);
        }

        _options = next;
        return changed;
    }

    private static async Task ClearAsync(string connectionString)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await MySqlConnection.ClearPoolAsync(connection, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
        {
            // Nothing to clear: the pool was never used.
        }
    }

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
        Pool pool = _pool;
        if (Volatile.Read(ref pool.Unavailable) == 1)
        {
            long now = Environment.TickCount64;
            long next = Volatile.Read(ref pool.NextAttemptTick);
            // Inside the window, or another request is already probing: fail fast, do not hammer a dead server.
            if (now < next || Interlocked.CompareExchange(ref pool.NextAttemptTick, now + (long)RetryWindow.TotalMilliseconds, next) != next)
            {
                return DatabaseResult<T>.Failed;
            }
        }

        try
        {
            if (!await pool.Gate.WaitAsync(pool.OperationTimeout, cancellationToken))
            {
                MarkUnavailable(pool, operation, "too many database operations in flight");
                return DatabaseResult<T>.Failed;
            }
        }
        catch (OperationCanceledException)
        {
            // The caller's deadline passed while every slot was busy: the busy operations report the outage themselves.
            return DatabaseResult<T>.Failed;
        }

        // The gate is released by the operation itself when it really ends, so abandoned operations still count.
        Task<DatabaseResult<T>> task = RunGatedAsync(pool, operation, work);
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

    private async Task<DatabaseResult<T>> RunGatedAsync<T>(Pool pool, string operation, Func<MySqlConnection, CancellationToken, Task<T>> work)
    {
        using var timeout = new CancellationTokenSource(pool.OperationTimeout);
        var connection = new MySqlConnection(pool.ConnectionString);
        try
        {
            await connection.OpenAsync(timeout.Token);
            T value = await work(connection, timeout.Token);
            MarkAvailable(pool);
            return new DatabaseResult<T>(true, value);
        }
        catch (Exception ex) when (ex is DbException or IOException or SocketException or TimeoutException
                                       or OperationCanceledException or InvalidOperationException)
        {
            MarkUnavailable(pool, operation, ex is OperationCanceledException ? "timed out" : ex.Message);
            // Pooled sessions to a restarted server are dead: drop them so recovery is immediate.
            await MySqlConnection.ClearPoolAsync(connection, CancellationToken.None);
            return DatabaseResult<T>.Failed;
        }
        finally
        {
            await connection.DisposeAsync();
            pool.Gate.Release();
        }
    }

    private void MarkUnavailable(Pool pool, string operation, string reason)
    {
        Volatile.Write(ref pool.NextAttemptTick, Environment.TickCount64 + (long)RetryWindow.TotalMilliseconds);
        if (Interlocked.Exchange(ref pool.Unavailable, 1) == 0)
        {
            RadiusDeskLog.Unavailable(_logger, pool.Redacted, operation, reason);
        }
    }

    private void MarkAvailable(Pool pool)
    {
        if (Interlocked.Exchange(ref pool.Unavailable, 0) == 1)
        {
            RadiusDeskLog.Available(_logger, pool.Redacted);
        }
    }

    // A replaced pool's gate is left to the GC: an operation abandoned by its caller may still release it (a SemaphoreSlim
    // whose wait handle was never asked for holds nothing else).
    public void Dispose() => _pool.Gate.Dispose();

    /// <summary>One connection string: its tuned form, its concurrency gate and its outage state.</summary>
    private sealed class Pool
    {
        public Pool(string connectionString)
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            builder.ConnectionTimeout = Math.Clamp(builder.ConnectionTimeout, 1, MaxConnectTimeoutSeconds);
            builder.DefaultCommandTimeout = builder.DefaultCommandTimeout == 0
                ? MaxCommandTimeoutSeconds
                : Math.Min(builder.DefaultCommandTimeout, MaxCommandTimeoutSeconds);
            Source = connectionString;
            ConnectionString = builder.ConnectionString;
            OperationTimeout = TimeSpan.FromSeconds(builder.ConnectionTimeout + builder.DefaultCommandTimeout);
            MaxConcurrentOperations = (int)Math.Clamp(builder.MaximumPoolSize, 1, 64);
            Gate = new SemaphoreSlim(MaxConcurrentOperations, MaxConcurrentOperations);
            Redacted = Redact(connectionString);
        }

        /// <summary>As radius.conf gives it (what a reload compares).</summary>
        public string Source { get; }

        public string ConnectionString { get; }

        public TimeSpan OperationTimeout { get; }

        public int MaxConcurrentOperations { get; }

        public SemaphoreSlim Gate { get; }

        public string Redacted { get; }

        public int Unavailable;

        /// <summary>While the database is down: the tick before which no new connection is tried (circuit-breaker window).</summary>
        public long NextAttemptTick;
    }
}
