using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The embedded broker (<c>mqtt { mode = embedded }</c>, MQTTnet.Server): nodes connect to it with the configured
/// username/password, over TLS when <c>tls_certificate</c>/<c>tls_key</c> are set; the proxy itself publishes in-process
/// (message injection) and reads node replies from the publish interceptor, so it never needs a client connection of
/// its own. <see cref="BrokerAuthority"/> decides who may connect, subscribe and publish. Start-up fails with a clear
/// message when the port is taken. A reload (docs/operations.md, "Reload") changes the node login live; the bind address,
/// port and TLS files stay as they were started until a restart.
/// </summary>
public sealed class EmbeddedMqttBroker : IMqttCommandTransport, IHostedService, IAsyncDisposable, IMqttReconfigurable
{
    private readonly MqttOptions _options;
    private readonly PendingReplyTable _pending;
    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private volatile BrokerAuthority _authority;
    private volatile MqttOptions _login;

    // The session items of the proxy's own injected publishes: how the interceptor tells them from any client's.
    private readonly System.Collections.Hashtable _proxyItems = [];
    private long _refusedLogWindow;
    private int _refusedLogged;
    private MqttServer? _server;

    public EmbeddedMqttBroker(MqttOptions options, PendingReplyTable pending, ILogger<EmbeddedMqttBroker> logger)
    {
        _options = options;
        _pending = pending;
        _logger = logger;
        _authority = new BrokerAuthority(options);
        _login = options;
    }

    /// <summary>
    /// A reloaded section: a changed node login (username, password, allow_anonymous) applies to every connection from now
    /// on, and a connected node without the new login is disconnected, as mosquitto does on a reload; its next attempt
    /// needs the new login. Returns at once; the disconnections run in the background.
    /// </summary>
    public void Reconfigure(MqttOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        MqttOptions running = _login;
        if (running.Username == next.Username && running.Password == next.Password && running.AllowAnonymous == next.AllowAnonymous)
        {
            return;
        }

        var authority = new BrokerAuthority(next);
        _authority = authority;
        _login = next;
        _ = DisconnectRevokedAsync(authority, next);
    }

    private async Task DisconnectRevokedAsync(BrokerAuthority authority, MqttOptions options)
    {
        int disconnected = 0;
        try
        {
            if (_server is { IsStarted: true } server)
            {
                foreach (MqttClientStatus client in await server.GetClientsAsync().ConfigureAwait(false))
                {
                    if (!authority.StillAdmits(client.Session.Items))
                    {
                        await client.DisconnectAsync().ConfigureAwait(false);
                        disconnected++;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException
                                       or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Stopping meanwhile, or the client went away by itself.
        }

        _logger.EmbeddedBrokerLoginChanged(Authentication(authority, options), disconnected);
    }

    private static string Authentication(BrokerAuthority authority, MqttOptions options) =>
        authority.RequiresLogin ? "username/password" : options.AllowAnonymous ? "none: allow_anonymous = yes" : "none (loopback only)";

    /// <summary>Node replies rejected because they came from a client that is not a node login (or were retained).</summary>
    public long ForgedReplies => Interlocked.Read(ref _forgedReplies);

    private long _forgedReplies;

    public bool IsConnected => _server?.IsStarted == true;

    /// <summary>The port nodes connect to (the configured one).</summary>
    public int Port => _options.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (IPAddress v4, IPAddress v6) = ParseBindAddress(_options.Server);
        EnsurePortFree(v4, v6, _options.Port);

        MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder().WithMaxPendingMessagesPerClient(10_000);
        X509Certificate2? certificate = null;
        if (_options.TlsCertificate is not null && _options.TlsKey is not null)
        {
            // Nodes across the Internet: TLS only, no plain endpoint beside it.
            certificate = X509Certificate2.CreateFromPemFile(_options.TlsCertificate, _options.TlsKey);
            builder.WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(v4)
                .WithEncryptedEndpointBoundIPV6Address(v6)
                .WithEncryptedEndpointPort(_options.Port)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }
        else
        {
            builder.WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(v4)
                .WithDefaultEndpointBoundIPV6Address(v6)
                .WithDefaultEndpointPort(_options.Port);
        }

        MqttServer server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingSubscriptionAsync += OnSubscribeAsync;
        try
        {
            await server.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            server.Dispose();
            throw PortTaken(_options.Server, _options.Port);
        }

        _server = server;
        string authentication = Authentication(_authority, _options);
        _logger.EmbeddedBrokerStarted(_options.Server, _options.Port, authentication, certificate is null ? "plain TCP" : "TLS");
        if (_options.AllowAnonymous && !_authority.RequiresLogin)
        {
            _logger.EmbeddedBrokerAnonymous(_options.Server, _options.Port);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        MqttServer? server = _server;
        if (server is null)
        {
            return;
        }

        _server = null;
        _pending.FailAll();
        await server.StopAsync(new MqttServerStopOptionsBuilder().Build()).ConfigureAwait(false);
        server.Dispose();
        _logger.EmbeddedBrokerStopped();
    }

    public async ValueTask<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        MqttServer? server = _server;
        if (server is null || !server.IsStarted)
        {
            return false;
        }

        // The broker queues the message for each subscriber after this returns: give it its own copy.
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(false)
            .Build();
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message)
                {
                    SenderClientId = BrokerAuthority.ProxyClientId,
                    CustomSessionItems = _proxyItems,
                }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.PublishFailed(topic, ex.GetType().Name);
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        ClientIdAssignment.AssignIfEmpty(e);
        string? clientId = string.IsNullOrEmpty(e.AssignedClientIdentifier) ? e.ClientId : e.AssignedClientIdentifier;
        BrokerAuthority authority = _authority;
        if (authority.CheckConnect(clientId, e.UserName, e.RawPassword ?? []) is { } refusal)
        {
            e.ReasonCode = refusal == ConnectRefusal.BadCredentials ? MqttConnectReasonCode.BadUserNameOrPassword : MqttConnectReasonCode.ClientIdentifierNotValid;
            if (ShouldLogRefusal())
            {
                _logger.EmbeddedBrokerRefusedClient(clientId ?? "", e.RemoteEndPoint?.ToString(),
                    refusal == ConnectRefusal.BadCredentials ? "bad username or password" : "client id reserved for the proxy");
            }

            return Task.CompletedTask;
        }

        BrokerAuthority.MarkNode(e.SessionItems);
        BrokerAuthority.RememberLogin(e.SessionItems, e.UserName, e.RawPassword ?? []);
        return Task.CompletedTask;
    }

    private Task OnSubscribeAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!BrokerAuthority.MaySubscribe(e.SessionItems, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            if (ShouldLogRefusal())
            {
                _logger.EmbeddedBrokerRefusedSubscription(e.ClientId, e.TopicFilter.Topic);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        MqttApplicationMessage message = e.ApplicationMessage;
        // Remote clients cannot take the proxy's client id (refused at CONNECT), so either mark means "injected by us".
        if (ReferenceEquals(e.SessionItems, _proxyItems) || string.Equals(e.ClientId, BrokerAuthority.ProxyClientId, StringComparison.Ordinal))
        {
            return Task.CompletedTask; // the proxy's own command
        }

        if (!BrokerAuthority.MayPublish(e.SessionItems, message.Topic, message.Retain))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            if (message.Topic == MqttTopics.CommandResponse)
            {
                Interlocked.Increment(ref _forgedReplies);
            }

            if (ShouldLogRefusal())
            {
                _logger.EmbeddedBrokerRefusedPublish(e.ClientId, message.Topic);
            }

            return Task.CompletedTask;
        }

        _pending.Dispatch(message.Payload);
        return Task.CompletedTask;
    }

    /// <summary>At most ten refusal warnings a second: a hostile client must not be able to flood the log.</summary>
    private bool ShouldLogRefusal()
    {
        long second = Environment.TickCount64 / 1000;
        if (Interlocked.Exchange(ref _refusedLogWindow, second) != second)
        {
            Volatile.Write(ref _refusedLogged, 0);
        }

        return Interlocked.Increment(ref _refusedLogged) <= 10;
    }

    /// <summary><c>*</c>, <c>0.0.0.0</c> or <c>::</c>: every address; otherwise exactly the one given.</summary>
    internal static (IPAddress V4, IPAddress V6) ParseBindAddress(string server)
    {
        if (server is "*" || server.Length == 0)
        {
            return (IPAddress.Any, IPAddress.IPv6Any);
        }

        if (!IPAddress.TryParse(server, out IPAddress? address))
        {
            throw new InvalidOperationException($"mqtt: with mode = embedded, server must be the IP address the broker listens on (or *), not '{server}'");
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return (IPAddress.Any, IPAddress.IPv6Any);
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? (address, IPAddress.None) : (IPAddress.None, address);
    }

    /// <summary>Binds the port briefly: MQTTnet only logs a warning for some bind failures, and the user must be told.</summary>
    private static void EnsurePortFree(IPAddress v4, IPAddress v6, int port)
    {
        foreach (IPAddress address in new[] { v4, v6 })
        {
            if (address.Equals(IPAddress.None) || (address.Equals(IPAddress.IPv6Any) && !Socket.OSSupportsIPv6))
            {
                continue;
            }

            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                probe.DualMode = false;
            }

            try
            {
                probe.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw PortTaken(address.ToString(), port);
            }
        }
    }

    private static InvalidOperationException PortTaken(string address, int port) =>
        new($"mqtt: the embedded broker cannot listen on {address} port {port}: the port is already in use "
            + "(another MQTT broker such as mosquitto?). Stop it, choose another port, or use mqtt { mode = external }.");
}
