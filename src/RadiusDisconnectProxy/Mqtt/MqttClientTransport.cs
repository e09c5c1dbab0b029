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
/// </summary>
public sealed class MqttClientTransport : IMqttCommandTransport, IHostedService, IAsyncDisposable
{
    /// <summary>How long StartAsync waits for the first connection before starting anyway.</summary>
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    private readonly MqttOptions _options;
    private readonly PendingReplyTable _pending;
    private readonly ILogger<MqttClientTransport> _logger;
    private readonly MqttConnectionSettings _settings;
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
        _options = options;
        _pending = pending;
        _logger = logger;
        _settings = new MqttConnectionSettings(options.Server, options.Port, options.Tls,
            string.Create(CultureInfo.InvariantCulture, $"radius-disconnect-proxy-{ids.InstanceId:x6}"), options.Username,
            options.Username is null ? null : options.Password ?? "", s_keepAlive, s_connectTimeout, MqttTopics.CommandResponse);
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
                    await WaitBackoffAsync(backoff, stopping).ConfigureAwait(false);
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    attempt.CancelAfter(s_connectTimeout);
                    string? failure = await TryConnectAsync(attempt.Token).ConfigureAwait(false);
                    if (failure is null)
                    {
                        backoff = MinimumBackoff;
                        break;
                    }

                    Volatile.Write(ref _lastFailureTick, Environment.TickCount64);

                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaximumBackoff.Ticks));
                    _logger.MqttConnectFailed(_options.Server, _options.Port, failure, backoff);
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
        try
        {
            Volatile.Read(ref _backoffWait)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended meanwhile: the attempt is already on its way.
        }
    }

    /// <summary>Connects and subscribes; returns null on success, else a loggable reason (never a credential).</summary>
    private async Task<string?> TryConnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { IsOpen: true })
        {
            _ready = true;
            return null;
        }

        MqttConnection connection;
        try
        {
            connection = await MqttConnection.OpenAsync(_settings, OnMessage, OnClosed, cancellationToken).ConfigureAwait(false);
        }
        catch (MqttConnectException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException)
        {
            return "connect timed out";
        }

        Volatile.Read(ref _connection)?.Dispose();
        Volatile.Write(ref _connection, connection);
        if (!connection.IsOpen)
        {
            return "connection lost right after connecting";
        }

        _ready = true;
        _logger.MqttConnected(_options.Server, _options.Port, _options.Tls, MqttTopics.CommandResponse);
        return null;
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
                _logger.MqttDisconnected(_options.Server, _options.Port, reason);
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
