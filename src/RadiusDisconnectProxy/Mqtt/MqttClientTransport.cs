using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Mqtt.Wire;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The proxy's MQTT client on an external broker (<c>mqtt { mode = external }</c>): username/password, optional TLS,
/// clean session, subscribed to <see cref="MqttTopics.CommandResponse"/>. It starts even when the broker is down and
/// reconnects in the background with exponential backoff, re-subscribing each time; a publish while disconnected
/// fails at once but cuts that backoff short when the last failure is over <see cref="OnDemandWindow"/> old, so a
/// broker that is back is used promptly (docs/meshdesk.md). Losing the connection fails every request still waiting
/// for a reply. The MQTT session itself is our own MQTT 3.1.1 client (<see cref="MqttConnection"/>): a publish is written
/// from the request's thread and replies are handled on the connection's reader thread, without the thread-pool hops
/// of a general-purpose client (docs/load-testing.md, "Slow paths").
/// A reload that changes the broker, login or TLS (docs/operations.md, "Reload") connects to the new settings while the
/// old connection goes on serving; once connected, new commands go to the new connection and the old one stays open for
/// the replies to commands already sent on it (up to the reply timeout), then is closed. When the new broker cannot be
/// reached, the old connection is retired all the same and requests get NAK 506 as with any broker that is down, while
/// the background loop keeps trying the new settings.
/// </summary>
public sealed class MqttClientTransport : IMqttCommandTransport, IHostedService, IAsyncDisposable, IMqttReconfigurable
{
    /// <summary>Beyond the reply timeout, how long a retired connection stays open for a late reply.</summary>
    private static readonly TimeSpan s_drainMargin = TimeSpan.FromSeconds(1);

    /// <summary>How long StartAsync waits for the first connection before starting anyway.</summary>
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    private readonly PendingReplyTable _pending;
    private readonly ILogger<MqttClientTransport> _logger;
    private readonly long _instanceId;
    private int _generation;
    private long _drainTicks;

    /// <summary>The settings to be connected with (replaced by a reload); <see cref="_connectedWith"/> those of <see cref="_connection"/>.</summary>
    private volatile MqttConnectionSettings _settings;
    private volatile MqttConnectionSettings? _connectedWith;
    private volatile MqttOptions _options;
    private volatile bool _switchPending;
    private readonly List<Task> _retiring = [];
    private MqttConnection? _connection;
    private readonly SemaphoreSlim _connectionLost = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _reconnectLoop;
    private CancellationTokenSource? _backoffWait;
    private long _lastFailureTick = long.MinValue / 2;
    private volatile bool _ready;
    private int _disposed;

    public MqttClientTransport(MqttOptions options, PendingReplyTable pending, CommandIdGenerator ids, ILogger<MqttClientTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ids);
        _options = options;
        _pending = pending;
        _logger = logger;
        _instanceId = ids.InstanceId;
        _settings = Settings(options, 0);
        _drainTicks = options.ReplyTimeout.Ticks;
    }

    /// <summary>
    /// A later generation (after a reload) gets its own client id: on the same broker, a second connection with the
    /// first one's id would make the broker end the first (MQTT 3.1.1 §3.1.4) while it is still being drained.
    /// </summary>
    private MqttConnectionSettings Settings(MqttOptions options, int generation) => new(options.Server, options.Port, options.Tls,
        generation == 0
            ? string.Create(CultureInfo.InvariantCulture, $"radius-disconnect-proxy-{_instanceId:x6}")
            : string.Create(CultureInfo.InvariantCulture, $"radius-disconnect-proxy-{_instanceId:x6}-{generation}"),
        options.Username, options.Username is null ? null : options.Password ?? "", s_keepAlive, s_connectTimeout, MqttTopics.CommandResponse);

    /// <summary>
    /// A reloaded section (docs/operations.md, "Reload"): a changed server, port, login or TLS switches to the new broker in
    /// the background (see the class remarks); <c>reply_timeout</c> alone changes nothing here (the drivers read it).
    /// </summary>
    public void Reconfigure(MqttOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        MqttOptions running = _options;
        _options = next;
        Volatile.Write(ref _drainTicks, Math.Max(running.ReplyTimeout.Ticks, next.ReplyTimeout.Ticks));
        if (running.Server == next.Server && running.Port == next.Port && running.Tls == next.Tls && running.Username == next.Username
            && running.Password == next.Password)
        {
            return;
        }

        _settings = Settings(next, Interlocked.Increment(ref _generation));
        _switchPending = true;
        _logger.MqttSwitching(next.Server, next.Port, next.Tls, running.Server, running.Port);
        SignalConnectionLost();
        CutBackoffShort();
    }

    /// <summary>Backoff between reconnect attempts: from <see cref="MinimumBackoff"/>, doubling, up to <see cref="MaximumBackoff"/>.</summary>
    public TimeSpan MinimumBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reconnect on demand: a publish that finds the broker down cuts the background backoff short once the last failed
    /// attempt is at least this old, so a broker that is back is used within about this long of the next request, while
    /// a dead one still sees at most one attempt per window.
    /// </summary>
    public TimeSpan OnDemandWindow { get; init; } = TimeSpan.FromSeconds(1);

    public bool IsConnected => _ready && Volatile.Read(ref _connection) is { IsOpen: true };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One attempt in the foreground, so that "started" (systemd READY) normally means "connected"; a broker that
        // is down must not stop the daemon, which keeps retrying in the background.
        using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            attempt.CancelAfter(s_connectTimeout);
            string? failure = await TryConnectAsync(attempt.Token).ConfigureAwait(false);
            if (failure is not null)
            {
                Volatile.Write(ref _lastFailureTick, Environment.TickCount64);
                _logger.MqttConnectFailed(_options.Server, _options.Port, failure, MinimumBackoff);
                SignalConnectionLost();
            }
        }

        _reconnectLoop = Task.Run(() => ReconnectLoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_reconnectLoop is not null)
        {
            await _reconnectLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _ready = false;
        Volatile.Read(ref _connection)?.Disconnect();
        await AwaitRetiredAsync().ConfigureAwait(false);
    }

    private Task AwaitRetiredAsync()
    {
        lock (_retiring)
        {
            return Task.WhenAll(_retiring);
        }
    }

    public ValueTask<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!IsConnected || Volatile.Read(ref _connection) is not { } connection)
        {
            ReconnectOnDemand();
            return new ValueTask<bool>(false);
        }

        // Written before this returns (the payload is copied); the PUBACK completes the task on the reader thread.
        Task<bool> acknowledged = connection.PublishAsync(topic, payload.Span, cancellationToken);
        return acknowledged.IsCompletedSuccessfully ? new ValueTask<bool>(acknowledged.Result) : new ValueTask<bool>(acknowledged);
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose it once per service type it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_reconnectLoop is not null)
        {
            await _reconnectLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Volatile.Read(ref _connection)?.Dispose();
        await AwaitRetiredAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _connectionLost.Dispose();
    }

    private async Task ReconnectLoopAsync(CancellationToken stopping)
    {
        TimeSpan backoff = MinimumBackoff;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _connectionLost.WaitAsync(stopping).ConfigureAwait(false);
                while (!stopping.IsCancellationRequested)
                {
                    // A reload's new settings are tried at once; a broker that is down, after the backoff.
                    if (!_switchPending)
                    {
                        await WaitBackoffAsync(backoff, stopping).ConfigureAwait(false);
                    }

                    _switchPending = false;
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    attempt.CancelAfter(s_connectTimeout);
                    string? failure = await TryConnectAsync(attempt.Token).ConfigureAwait(false);
                    if (failure is null)
                    {
                        backoff = MinimumBackoff;
                        if (_switchPending)
                        {
                            continue; // reloaded again during the attempt
                        }

                        break;
                    }

                    Volatile.Write(ref _lastFailureTick, Environment.TickCount64);

                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaximumBackoff.Ticks));
                    MqttConnectionSettings target = _settings;
                    _logger.MqttConnectFailed(target.Server, target.Port, failure, backoff);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits out the backoff, unless <see cref="ReconnectOnDemand"/> cuts it short.</summary>
    private async Task WaitBackoffAsync(TimeSpan backoff, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Volatile.Write(ref _backoffWait, wait);
        try
        {
            if (Environment.TickCount64 - Volatile.Read(ref _lastFailureTick) >= (long)OnDemandWindow.TotalMilliseconds && _demanded)
            {
                return; // a request asked while the previous attempt was running
            }

            await Task.Delay(backoff, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // Cut short by a request.
        }
        finally
        {
            _demanded = false;
            Volatile.Write(ref _backoffWait, null);
        }
    }

    private volatile bool _demanded;

    private void ReconnectOnDemand()
    {
        if (Environment.TickCount64 - Volatile.Read(ref _lastFailureTick) < (long)OnDemandWindow.TotalMilliseconds)
        {
            return;
        }

        _demanded = true;
        CutBackoffShort();
    }

    private void CutBackoffShort()
    {
        try
        {
            Volatile.Read(ref _backoffWait)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended meanwhile: the attempt is already on its way.
        }
    }

    /// <summary>
    /// Connects and subscribes with the current settings; returns null on success, else a loggable reason (never a
    /// credential). A connection made with earlier settings is retired: drained when the new one is up or the attempt fails.
    /// </summary>
    private async Task<string?> TryConnectAsync(CancellationToken cancellationToken)
    {
        MqttConnectionSettings target = _settings;
        MqttConnection? current = Volatile.Read(ref _connection);
        MqttConnectionSettings? currentSettings = _connectedWith;
        if (current is { IsOpen: true } && ReferenceEquals(currentSettings, target))
        {
            _ready = true;
            return null;
        }

        MqttConnection? connection = null;
        string? failure = null;
        try
        {
            connection = await MqttConnection.OpenAsync(target, OnMessage, OnClosed, cancellationToken).ConfigureAwait(false);
        }
        catch (MqttConnectException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException)
        {
            failure = "connect timed out";
        }

        if (connection is null)
        {
            if (current is { IsOpen: true } && currentSettings is not null)
            {
                // The running broker is no longer the configured one: no new commands there (NAK 506 until the new one is up).
                _ready = false;
                Volatile.Write(ref _connection, null);
                Retire(current, currentSettings, target);
            }

            return failure ?? "connect failed";
        }

        Volatile.Write(ref _connection, connection);
        _connectedWith = target;
        if (current is not null && !ReferenceEquals(current, connection))
        {
            if (current.IsOpen && currentSettings is not null)
            {
                Retire(current, currentSettings, target);
            }
            else
            {
                current.Dispose();
            }
        }

        if (!connection.IsOpen)
        {
            return "connection lost right after connecting";
        }

        _ready = true;
        _logger.MqttConnected(target.Server, target.Port, target.Tls, MqttTopics.CommandResponse);
        return null;
    }

    /// <summary>Leaves a replaced connection open for the replies still due on it (up to the reply timeout), then closes it.</summary>
    private void Retire(MqttConnection old, MqttConnectionSettings oldSettings, MqttConnectionSettings next)
    {
        TimeSpan drain = TimeSpan.FromTicks(Volatile.Read(ref _drainTicks)) + s_drainMargin;
        lock (_retiring)
        {
            _retiring.RemoveAll(static t => t.IsCompleted);
            _retiring.Add(RetireAsync(old, oldSettings, next, drain));
        }
    }

    private async Task RetireAsync(MqttConnection old, MqttConnectionSettings oldSettings, MqttConnectionSettings next, TimeSpan drain)
    {
        try
        {
            await Task.Delay(drain, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: closed now, with the current connection.
        }

        old.Disconnect();
        old.Dispose();
        _logger.MqttRetiredConnectionClosed(oldSettings.Server, oldSettings.Port, next.Server, next.Port);
    }

    /// <summary>On the connection's reader thread: a reply completes its request there (no thread-pool hop).</summary>
    private void OnMessage(string topic, ReadOnlyMemory<byte> payload)
    {
        if (topic == MqttTopics.CommandResponse)
        {
            _pending.Dispatch(new System.Buffers.ReadOnlySequence<byte>(payload));
        }
    }

    private void OnClosed(MqttConnection connection, string reason)
    {
        if (!ReferenceEquals(connection, Volatile.Read(ref _connection)))
        {
            return; // never handed out (closed while connecting) or already replaced
        }

        bool wasReady = _ready;
        _ready = false;
        if (wasReady)
        {
            _pending.FailAll();
            if (!_stopping.IsCancellationRequested)
            {
                MqttConnectionSettings settings = _connectedWith ?? _settings;
                _logger.MqttDisconnected(settings.Server, settings.Port, reason);
                SignalConnectionLost();
            }
        }
    }

    private void SignalConnectionLost()
    {
        try
        {
            _connectionLost.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the reconnect loop is on its way.
        }
    }
}
