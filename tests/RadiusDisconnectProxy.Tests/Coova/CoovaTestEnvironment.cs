using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// The MQTT side of the proxy as the host wires it (transport, pending table, command bus, CoovaMeshdesk driver),
/// on a private mosquitto or on the embedded broker, with node credentials, plus helpers to run simulated nodes
/// and to watch topics with mosquitto_sub.
/// </summary>
internal sealed class CoovaTestEnvironment : IAsyncDisposable
{
    public const string Username = "nodes";
    public const string Password = "n0de-secret";

    private readonly List<IAsyncDisposable> _owned = [];
    private IMqttClient? _probeClient;

    private CoovaTestEnvironment(BrokerKind kind, MqttOptions options, MosquittoBroker? mosquitto, IMqttCommandTransport transport,
        PendingReplyTable pending, INodeActionRecorder recorder)
    {
        Kind = kind;
        Options = options;
        Mosquitto = mosquitto;
        Transport = transport;
        Pending = pending;
        var ids = new CommandIdGenerator();
        Bus = new NodeCommandBus(transport, pending, NullLogger<NodeCommandBus>.Instance);
        Driver = new CoovaMeshdeskDriver(Bus, ids, recorder, new LiveMqttOptions(options), NullLogger<CoovaMeshdeskDriver>.Instance);
    }

    public BrokerKind Kind { get; }

    public MqttOptions Options { get; }

    public MosquittoBroker? Mosquitto { get; }

    public IMqttCommandTransport Transport { get; }

    public PendingReplyTable Pending { get; }

    public NodeCommandBus Bus { get; }

    public CoovaMeshdeskDriver Driver { get; }

    public string Host => "127.0.0.1";

    public int Port => Options.Port;

    /// <param name="brokerDownAtStart">Mosquitto only: the broker is stopped before the proxy's client starts.</param>
    public static async Task<CoovaTestEnvironment> StartAsync(BrokerKind kind, TimeSpan replyTimeout, INodeActionRecorder? recorder = null,
        int pendingCapacity = PendingReplyTable.DefaultCapacity, bool brokerDownAtStart = false)
    {
        MosquittoBroker? mosquitto = kind == BrokerKind.Mosquitto ? await MosquittoBroker.StartAsync(Username, Password) : null;
        if (brokerDownAtStart && mosquitto is not null)
        {
            await mosquitto.StopAsync();
        }

        var options = new MqttOptions
        {
            Mode = kind == BrokerKind.Mosquitto ? MqttMode.External : MqttMode.Embedded,
            Server = "127.0.0.1",
            Port = mosquitto?.Port ?? MosquittoBroker.FreeTcpPort(),
            Username = Username,
            Password = Password,
            ReplyTimeout = replyTimeout,
        };
        var pending = new PendingReplyTable(pendingCapacity);
        IMqttCommandTransport transport = kind == BrokerKind.Mosquitto
            ? new MqttClientTransport(options, pending, new CommandIdGenerator(), NullLogger<MqttClientTransport>.Instance)
            {
                MinimumBackoff = TimeSpan.FromMilliseconds(100),
                MaximumBackoff = TimeSpan.FromMilliseconds(500),
            }
            : new EmbeddedMqttBroker(options, pending, NullLogger<EmbeddedMqttBroker>.Instance);
        var environment = new CoovaTestEnvironment(kind, options, mosquitto, transport, pending, recorder ?? new NullNodeActionRecorder());
        await ((Microsoft.Extensions.Hosting.IHostedService)transport).StartAsync(CancellationToken.None);
        Assert.True(transport.IsConnected || brokerDownAtStart, $"{kind}: the transport is not connected after StartAsync");
        return environment;
    }

    /// <summary>Starts simulated nodes on this broker (with the node credentials).</summary>
    public async Task<NodeFleet> StartNodesAsync(params SimulatedNode[] nodes)
    {
        NodeFleet fleet = await NodeFleet.StartAsync(Host, Port, Username, Password, nodes);
        _owned.Add(fleet);
        return fleet;
    }

    /// <summary>mosquitto_sub on <paramref name="topic"/>, subscribed by the time this returns.</summary>
    public async Task<MosquittoSubscriber> WatchAsync(string topic)
    {
        // The embedded broker lets a node login subscribe to nothing but a command topic and publish nothing but replies:
        // there the probe is the proxy's own publish on the watched topic.
        MosquittoSubscriber subscriber = Kind == BrokerKind.Embedded
            ? await MosquittoSubscriber.StartAsync(Host, Port, Username, Password, topic,
                async t => await Transport.PublishAsync(t, System.Text.Encoding.UTF8.GetBytes(MosquittoSubscriber.ProbePayload), CancellationToken.None),
                TimeSpan.FromSeconds(15), probeOnWatchedTopic: true)
            : await MosquittoSubscriber.StartAsync(Host, Port, Username, Password, topic, PublishProbeAsync, TimeSpan.FromSeconds(15));
        _owned.Add(subscriber);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        if (_probeClient is not null)
        {
            _probeClient.Dispose();
        }

        await ((Microsoft.Extensions.Hosting.IHostedService)Transport).StopAsync(CancellationToken.None);
        await ((IAsyncDisposable)Transport).DisposeAsync();
        if (Mosquitto is not null)
        {
            await Mosquitto.DisposeAsync();
        }
    }

    private async Task PublishProbeAsync(string topic)
    {
        if (_probeClient is null)
        {
            _probeClient = new MqttClientFactory().CreateMqttClient();
            await _probeClient.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Host, Port).WithCredentials(Username, Password).Build());
        }

        await _probeClient.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("probe")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }
}
