using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Tests.Configuration;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// Who may do what on the embedded broker (docs/meshdesk.md): only the proxy commands nodes; a node login subscribes
/// to exact command topics and publishes only unretained replies; TLS with the operator's PEM files. Real clients:
/// mosquitto_pub/mosquitto_sub (what an attacker or a node's libmosquitto would use) and MQTTnet.
/// </summary>
[Collection(CoovaCollection.Name)]
[Trait("Category", "RealService")]
public sealed class EmbeddedBrokerAuthorityTests
{
    private const string Topic = "/RD/MESH/146/COMMAND";
    private const string User = "nodes";
    private const string Pass = "n0de-secret";

    private static async Task<EmbeddedMqttBroker> StartBrokerAsync(PendingReplyTable pending, bool login = true, string? certificate = null, string? key = null)
    {
        var options = new MqttOptions
        {
            Mode = MqttMode.Embedded, Server = "127.0.0.1", Port = MosquittoBroker.FreeTcpPort(),
            Username = login ? User : null, Password = login ? Pass : null, TlsCertificate = certificate, TlsKey = key,
        };
        var broker = new EmbeddedMqttBroker(options, pending, NullLogger<EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        return broker;
    }

    private static async Task<(IMqttClient Client, Channel<string> Received)> NodeAsync(EmbeddedMqttBroker broker, bool login, string topic = Topic)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        Channel<string> received = Channel.CreateUnbounded<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port);
        if (login)
        {
            options.WithCredentials(User, Pass);
        }

        await client.ConnectAsync(options.Build());
        MqttClientSubscribeResult result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(result.Items).ResultCode);
        return (client, received);
    }

    private static async Task<int> MosquittoPubAsync(int port, string topic, string message, bool login, params string[] extra)
    {
        var start = new ProcessStartInfo("mosquitto_pub") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", message }.Concat(extra))
        {
            start.ArgumentList.Add(a);
        }

        if (login)
        {
            foreach (string a in new[] { "-u", User, "-P", Pass })
            {
                start.ArgumentList.Add(a);
            }
        }

        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>The first message the node gets after a forged publish is the proxy's own: the forged one was never delivered.</summary>
    private static async Task AssertNextIsTheProxysCommandAsync(EmbeddedMqttBroker broker, Channel<string> received)
    {
        Assert.True(await broker.PublishAsync(Topic, Encoding.UTF8.GetBytes("from-the-proxy"), CancellationToken.None));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("from-the-proxy", await received.Reader.ReadAsync(timeout.Token));
        Assert.False(received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AnonymousPublishToACommandTopic_NeverReachesTheNode()
    {
        var pending = new PendingReplyTable();
        await using EmbeddedMqttBroker broker = await StartBrokerAsync(pending, login: false);
        (IMqttClient node, Channel<string> received) = await NodeAsync(broker, login: false);
        using IMqttClient _ = node;

        await MosquittoPubAsync(broker.Port, Topic, "reboot", login: false);

        await AssertNextIsTheProxysCommandAsync(broker, received);
    }

    [Fact]
    public async Task NodeLoginPublishToACommandTopic_NeverReachesTheNode()
    {
        var pending = new PendingReplyTable();
        await using EmbeddedMqttBroker broker = await StartBrokerAsync(pending);
        (IMqttClient node, Channel<string> received) = await NodeAsync(broker, login: true);
        using IMqttClient _ = node;

        await MosquittoPubAsync(broker.Port, Topic, "reboot", login: true);
        await MosquittoPubAsync(broker.Port, "/RD/AP/7/COMMAND", "reboot", login: true, "-r");

        await AssertNextIsTheProxysCommandAsync(broker, received);
    }

    [Theory]
    [InlineData("/RD/#")]
    [InlineData("#")]
    [InlineData("/RD/MESH/+/COMMAND")]
    [InlineData("/RD/NODE/COMMAND/RESPONSE")]
    [InlineData("/RD/MESH/146/COMMAND/x")]
    public async Task NodeLogin_CannotSubscribeBeyondExactCommandTopics(string filter)
    {
        await using EmbeddedMqttBroker broker = await StartBrokerAsync(new PendingReplyTable());
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials(User, Pass).Build());

        MqttClientSubscribeResult result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.True(Assert.Single(result.Items).ResultCode > MqttClientSubscribeResultCode.GrantedQoS2);
    }

    [Fact]
    public async Task MosquittoSubOnEverything_ReadsNoCommand()
    {
        await using EmbeddedMqttBroker broker = await StartBrokerAsync(new PendingReplyTable());
        var start = new ProcessStartInfo("mosquitto_sub") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-u", User, "-P", Pass, "-t", "/RD/#", "-v", "-W", "3" })
        {
            start.ArgumentList.Add(a);
        }

        using Process watcher = Process.Start(start)!;
        Task<string> output = watcher.StandardOutput.ReadToEndAsync();
        await Task.Delay(500);
        await broker.PublishAsync(Topic, Encoding.UTF8.GetBytes("chilli_query logout mac 0C-C6-FD-7B-8B-AA"), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await watcher.WaitForExitAsync(timeout.Token);

        Assert.DoesNotContain("chilli_query", await output, StringComparison.Ordinal);
    }

    private static byte[] Reply(long cmdId) => Encoding.UTF8.GetBytes($"{{\"mode\":\"mesh\",\"node_id\":146,\"mac\":\"C4-4B-D1-00-97-49\",\"cmd_id\":{cmdId},\"status\":\"os_command\"}}");

    [Fact]
    public async Task Replies_AreTakenFromNodeLogins_NotWhenRetained_NorFromTheProxysReservedClientId()
    {
        var pending = new PendingReplyTable();
        await using EmbeddedMqttBroker broker = await StartBrokerAsync(pending);
        var retainedWaiter = new ReplyWaiter();
        var genuineWaiter = new ReplyWaiter();
        Assert.True(pending.TryAdd(new NodeReplyKey(NodeMode.Mesh, 146, 11), retainedWaiter));
        Assert.True(pending.TryAdd(new NodeReplyKey(NodeMode.Mesh, 146, 12), genuineWaiter));

        // A client posing as the proxy is refused outright.
        using (IMqttClient impostor = new MqttClientFactory().CreateMqttClient())
        {
            string outcome;
            try
            {
                outcome = (await impostor.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
                    .WithCredentials(User, Pass).WithClientId("radius-disconnect-proxy").Build())).ResultCode.ToString();
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
            {
                outcome = ex.Message;
            }

            Assert.DoesNotContain(nameof(MqttClientConnectResultCode.Success), outcome, StringComparison.Ordinal);
            Assert.False(impostor.IsConnected);
        }

        // Without the login: refused at CONNECT, so its reply goes nowhere.
        Assert.NotEqual(0, await MosquittoPubAsync(broker.Port, MqttTopics.CommandResponse, Encoding.UTF8.GetString(Reply(11)), login: false));
        // A retained reply would be replayed to whoever subscribes later: refused.
        await MosquittoPubAsync(broker.Port, MqttTopics.CommandResponse, Encoding.UTF8.GetString(Reply(11)), login: true, "-r");
        // What a node sends.
        Assert.Equal(0, await MosquittoPubAsync(broker.Port, MqttTopics.CommandResponse, Encoding.UTF8.GetString(Reply(12)), login: true));

        ReplyWaitResult genuine = await genuineWaiter.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ReplyWaitStatus.Acknowledged, genuine.Status);
        Assert.False(retainedWaiter.Task.IsCompleted);
        Assert.Equal(1, broker.ForgedReplies);
    }

    [Fact]
    public async Task Tls_NodesConnectWithTheOperatorsCertificate_AndPlainTcpIsRefused()
    {
        string directory = Directory.CreateTempSubdirectory("rdp-mqtt-tls-").FullName;
        try
        {
            using X509Certificate2 certificate = TestCertificate.WritePem(directory, "broker.crt", "broker.key");
            await using EmbeddedMqttBroker broker = await StartBrokerAsync(new PendingReplyTable(), true,
                Path.Combine(directory, "broker.crt"), Path.Combine(directory, "broker.key"));

            // MQTTnet node over TLS, trusting exactly this certificate.
            using IMqttClient node = new MqttClientFactory().CreateMqttClient();
            Channel<string> received = Channel.CreateUnbounded<string>();
            node.ApplicationMessageReceivedAsync += e =>
            {
                received.Writer.TryWrite(e.ApplicationMessage.ConvertPayloadToString());
                return Task.CompletedTask;
            };
            await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials(User, Pass)
                .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost")
                    .WithCertificateValidationHandler(c => c.Certificate is not null && c.Certificate.GetCertHashString() == certificate.GetCertHashString()))
                .Build());
            await node.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await AssertNextIsTheProxysCommandAsync(broker, received);

            // libmosquitto (what node firmware uses) over TLS with the certificate as its CA file.
            Assert.Equal(0, await MosquittoPubAsync(broker.Port, MqttTopics.CommandResponse, "{}", true, "--cafile", Path.Combine(directory, "broker.crt")));
            // Plain MQTT on the TLS port gets nowhere.
            Assert.NotEqual(0, await MosquittoPubAsync(broker.Port, MqttTopics.CommandResponse, "{}", true));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_EmbeddedBrokerOnAllAddressesWithoutALogin_Exit78NamingFileAndLine()
    {
        using var config = new TempConfig("client a { ipaddr = 127.0.0.1 secret = s }\nmqtt { mode = embedded\n  server = * }\n");
        using var daemon = new RadiusDisconnectProxy.Tests.Hosting.DaemonProcess(["serve", "--config", config.Path]);

        (int exitCode, string _, string error) = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(78, exitCode);
        Assert.Contains($"{config.Path}:3: ", error, StringComparison.Ordinal);
        Assert.Contains("allow_anonymous = yes", error, StringComparison.Ordinal);
    }
}
