using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The proxy's MQTT client on an external broker (<c>mqtt { mode = external }</c>): username/password, optional TLS,
/// clean session, subscribed to <see cref="MqttTopics.CommandResponse"/>. It starts even when the broker is down and
/// reconnects in the background with exponential backoff, re-subscribing each time; a publish while disconnected
/// fails at once but cuts that backoff short when the last failure is over <see cref="OnDemandWindow"/> old, so a
/// broker that is back is used promptly (docs/meshdesk.md). Losing the connection fails every request still waiting
/// for a reply.
/// </summary>
public sealed class MqttClientTransport : IMqttCommandTransport, IHostedService, IAsyncDisposable
{
    /// <summary>How long StartAsync waits for the first connection before starting anyway.</summary>
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    private readonly MqttOptions _options;
    private readonly PendingReplyTable _pending;
    private readonly ILogger<MqttClientTransport> _logger;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
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
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _clientOptions = BuildClientOptions(options, string.Create(CultureInfo.InvariantCulture, $"radius-disconnect-proxy-{ids.InstanceId:x6}"));
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

    public bool IsConnected => _ready && _client.IsConnected;

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
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Shutting down anyway.
            }
        }
    }

    public async ValueTask<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            ReconnectOnDemand();
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayloadSegment(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(false)
            .Build();
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.PublishFailed(topic, ex.GetType().Name);
            return false;
        }
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

        _client.Dispose();
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
        try
        {
            if (!_client.IsConnected)
            {
                MqttClientConnectResult connect = await _client.ConnectAsync(_clientOptions, cancellationToken).ConfigureAwait(false);
                if (connect.ResultCode != MqttClientConnectResultCode.Success)
                {
                    return connect.ResultCode.ToString();
                }
            }

            MqttClientSubscribeOptions subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(MqttTopics.CommandResponse, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
            MqttClientSubscribeResultCode code = subscribed.Items.First().ResultCode;
            if (code > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                return "subscription to " + MqttTopics.CommandResponse + " refused: " + code;
            }

            _ready = true;
            _logger.MqttConnected(_options.Server, _options.Port, _options.Tls, MqttTopics.CommandResponse);
            return null;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException
                                      or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException
                                      or InvalidOperationException)
        {
            return ex is OperationCanceledException ? "connect timed out" : ex.GetType().Name + ": " + ex.Message;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic == MqttTopics.CommandResponse)
        {
            _pending.Dispatch(e.ApplicationMessage.Payload);
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        bool wasReady = _ready;
        _ready = false;
        if (e.ClientWasConnected && wasReady)
        {
            _pending.FailAll();
            if (!_stopping.IsCancellationRequested)
            {
                _logger.MqttDisconnected(_options.Server, _options.Port, e.Reason.ToString());
                SignalConnectionLost();
            }
        }

        return Task.CompletedTask;
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

    private static MqttClientOptions BuildClientOptions(MqttOptions options, string clientId)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Server, options.Port)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(s_connectTimeout);
        if (options.Username is not null)
        {
            builder.WithCredentials(options.Username, options.Password ?? "");
        }

        if (options.Tls)
        {
            builder.WithTlsOptions(tls => tls.UseTls(true).WithTargetHost(options.Server));
        }

        return builder.Build();
    }
}
