using System.Collections.Frozen;
using MQTTnet;
using MQTTnet.Protocol;

namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

/// <summary>
/// Runs simulated nodes against an MQTT broker. Many nodes share a few MQTT connections (each subscribed to many
/// node topics at QoS 1), so a thousand nodes cost a handful of sockets; per node the wire behaviour is the firmware's:
/// commands arrive on the node's own topic, replies go to <see cref="SimulatedNode.ResponseTopic"/> at QoS 1, not
/// retained. A node set <see cref="NodeBehaviour.Offline"/> is unsubscribed, so the broker really does not deliver.
/// </summary>
public sealed class NodeFleet : IAsyncDisposable
{
    private const int NodesPerConnection = 250;
    private const int TopicsPerSubscribe = 100;

    private readonly FrozenDictionary<string, SimulatedNode> _byTopic;
    private readonly Dictionary<SimulatedNode, IMqttClient> _connectionOf = [];
    private readonly List<IMqttClient> _connections = [];
    private int _repliesInFlight;

    private NodeFleet(IReadOnlyList<SimulatedNode> nodes)
    {
        Nodes = nodes;
        _byTopic = nodes.ToFrozenDictionary(n => n.CommandTopic, StringComparer.Ordinal);
    }

    public IReadOnlyList<SimulatedNode> Nodes { get; }

    /// <summary>Connects and subscribes every node; returns when all subscriptions are granted.</summary>
    public static async Task<NodeFleet> StartAsync(string host, int port, string? username, string? password, IReadOnlyList<SimulatedNode> nodes,
        CancellationToken cancellationToken = default)
    {
        var fleet = new NodeFleet(nodes);
        try
        {
            int connections = Math.Max(1, (nodes.Count + NodesPerConnection - 1) / NodesPerConnection);
            for (int c = 0; c < connections; c++)
            {
                SimulatedNode[] share = nodes.Where((_, i) => i % connections == c).ToArray();
                IMqttClient client = await fleet.ConnectAsync(host, port, username, password, cancellationToken).ConfigureAwait(false);
                foreach (SimulatedNode node in share)
                {
                    fleet._connectionOf[node] = client;
                }

                foreach (SimulatedNode[] batch in share.Where(n => n.Behaviour != NodeBehaviour.Offline).Chunk(TopicsPerSubscribe))
                {
                    await SubscribeAsync(client, batch, cancellationToken).ConfigureAwait(false);
                }
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Changes how a node behaves; going Offline unsubscribes its topic, coming back subscribes it again.</summary>
    public async Task SetBehaviourAsync(SimulatedNode node, NodeBehaviour behaviour, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        IMqttClient client = _connectionOf[node];
        NodeBehaviour previous = node.Behaviour;
        node.Behaviour = behaviour;
        if (behaviour == NodeBehaviour.Offline && previous != NodeBehaviour.Offline)
        {
            await client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(node.CommandTopic).Build(), cancellationToken)
                .ConfigureAwait(false);
        }
        else if (behaviour != NodeBehaviour.Offline && previous == NodeBehaviour.Offline)
        {
            await SubscribeAsync(client, [node], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replies scheduled but not yet published (slow nodes).</summary>
    public int RepliesInFlight => Volatile.Read(ref _repliesInFlight);

    public async ValueTask DisposeAsync()
    {
        foreach (IMqttClient client in _connections)
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
                }
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker may already be gone.
            }

            client.Dispose();
        }
    }

    private async Task<IMqttClient> ConnectAsync(string host, int port, string? username, string? password, CancellationToken cancellationToken)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(client, e);
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("rdp-node-sim-" + Guid.NewGuid().ToString("N")[..12])
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60));
        if (username is not null)
        {
            options.WithCredentials(username, password ?? "");
        }

        _connections.Add(client);
        await client.ConnectAsync(options.Build(), cancellationToken).ConfigureAwait(false);
        return client;
    }

    private static async Task SubscribeAsync(IMqttClient client, IEnumerable<SimulatedNode> nodes, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (SimulatedNode node in nodes)
        {
            // mqtt.lua subscribes at QoS 1.
            builder.WithTopicFilter(node.CommandTopic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        MqttClientSubscribeResult result = await client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        if (result.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
        {
            throw new InvalidOperationException("the broker refused a node subscription");
        }
    }

    private Task OnMessageAsync(IMqttClient client, MqttApplicationMessageReceivedEventArgs e)
    {
        MqttApplicationMessage message = e.ApplicationMessage;
        if (!_byTopic.TryGetValue(message.Topic, out SimulatedNode? node))
        {
            return Task.CompletedTask;
        }

        IReadOnlyList<byte[]> replies = node.Handle(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), message.Retain);
        if (replies.Count > 0)
        {
            Interlocked.Increment(ref _repliesInFlight);
            TimeSpan delay = node.Behaviour == NodeBehaviour.Slow ? node.SlowDelay : TimeSpan.Zero;
            // Published outside the receive handler so that a slow node never holds up the others on this connection.
            _ = Task.Run(() => PublishRepliesAsync(client, replies, delay));
        }

        return Task.CompletedTask;
    }

    private async Task PublishRepliesAsync(IMqttClient client, IReadOnlyList<byte[]> replies, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }

            foreach (byte[] reply in replies)
            {
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(SimulatedNode.ResponseTopic)
                    .WithPayload(reply)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(false)
                    .Build();
                await client.PublishAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
        {
            // Like a node whose uplink died mid-reply: the proxy simply never hears back.
        }
        finally
        {
            Interlocked.Decrement(ref _repliesInFlight);
        }
    }
}
