using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The embedded broker (<c>mqtt { mode = embedded }</c>, MQTTnet.Server): nodes connect to it with the configured
/// username/password; the proxy itself publishes in-process (message injection) and reads node replies from the
/// publish interceptor, so it never needs a client connection of its own. Start-up fails with a clear message when
/// the port is taken.
/// </summary>
public sealed class EmbeddedMqttBroker : IMqttCommandTransport, IHostedService, IAsyncDisposable
{
    private const string ProxyClientId = "radius-disconnect-proxy";

    private readonly MqttOptions _options;
    private readonly PendingReplyTable _pending;
    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private readonly byte[]? _username;
    private readonly byte[]? _password;
    private MqttServer? _server;

    public EmbeddedMqttBroker(MqttOptions options, PendingReplyTable pending, ILogger<EmbeddedMqttBroker> logger)
    {
        _options = options;
        _pending = pending;
        _logger = logger;
        _username = options.Username is null ? null : Encoding.UTF8.GetBytes(options.Username);
        _password = options.Username is null ? null : Encoding.UTF8.GetBytes(options.Password ?? "");
    }

    public bool IsConnected => _server?.IsStarted == true;

    /// <summary>The port nodes connect to (the configured one).</summary>
    public int Port => _options.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (IPAddress v4, IPAddress v6) = ParseBindAddress(_options.Server);
        EnsurePortFree(v4, v6, _options.Port);

        MqttServerOptions serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(v4)
            .WithDefaultEndpointBoundIPV6Address(v6)
            .WithDefaultEndpointPort(_options.Port)
            .WithMaxPendingMessagesPerClient(10_000)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
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
        _logger.EmbeddedBrokerStarted(_options.Server, _options.Port, _username is null ? "off" : "username/password");
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
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ProxyClientId }, cancellationToken)
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

        if (_username is null)
        {
            return Task.CompletedTask;
        }

        // Constant-time comparison: the broker is reachable from every node's network.
        bool userOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(e.UserName ?? ""), _username);
        bool passwordOk = CryptographicOperations.FixedTimeEquals(e.RawPassword ?? [], _password);
        if (!(userOk & passwordOk))
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _logger.EmbeddedBrokerRefusedClient(e.ClientId, e.RemoteEndPoint?.ToString());
        }

        return Task.CompletedTask;
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ApplicationMessage.Topic == MqttTopics.CommandResponse)
        {
            _pending.Dispatch(e.ApplicationMessage.Payload);
        }

        return Task.CompletedTask;
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
