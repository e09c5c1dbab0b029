using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

[Trait("Category", "RealService")]
[Collection(CoovaCollection.Name)]
public sealed class EmbeddedMqttBrokerTests
{
    [Fact]
    public async Task Start_PortAlreadyTaken_FailsWithAMessageSayingSo()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var broker = new EmbeddedMqttBroker(
            new MqttOptions { Mode = MqttMode.Embedded, Server = "127.0.0.1", Port = port }, new PendingReplyTable(), NullLogger<EmbeddedMqttBroker>.Instance);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => broker.StartAsync(CancellationToken.None));

        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
        Assert.False(broker.IsConnected);
    }

    [Theory]
    [InlineData("nodes", "wrong")]
    [InlineData("someone", CoovaTestEnvironment.Password)]
    [InlineData(null, null)]
    public async Task Connect_WithoutTheNodeCredentials_IsRefused(string? username, string? password)
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(1));
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder().WithTcpServer(env.Host, env.Port);
        if (username is not null)
        {
            options.WithCredentials(username, password);
        }

        string outcome;
        try
        {
            outcome = (await client.ConnectAsync(options.Build())).ResultCode.ToString();
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
        {
            outcome = ex.Message;
        }

        Assert.Contains(nameof(MqttClientConnectResultCode.BadUserNameOrPassword), outcome, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connect_WithTheNodeCredentials_IsAccepted()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(1));
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResult result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(env.Host, env.Port)
            .WithCredentials(CoovaTestEnvironment.Username, CoovaTestEnvironment.Password).Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task Start_OnIPv6Loopback_AcceptsNodes_AndDetectsATakenPort()
    {
        var options = new MqttOptions { Mode = MqttMode.Embedded, Server = "::1", Port = MosquittoBroker.FreeTcpPort() };
        await using var broker = new EmbeddedMqttBroker(options, new PendingReplyTable(), NullLogger<EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();

        MqttClientConnectResult result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("::1", options.Port).Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await using var second = new EmbeddedMqttBroker(options, new PendingReplyTable(), NullLogger<EmbeddedMqttBroker>.Instance);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(CancellationToken.None));
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", "0.0.0.0", "::")]
    [InlineData("127.0.0.1", "127.0.0.1", "255.255.255.255")]
    [InlineData("::1", "255.255.255.255", "::1")]
    public void BindAddress_FromTheServerKey(string server, string v4, string v6)
    {
        (IPAddress boundV4, IPAddress boundV6) = EmbeddedMqttBroker.ParseBindAddress(server);

        Assert.Equal(IPAddress.Parse(v4), boundV4);
        Assert.Equal(IPAddress.Parse(v6), boundV6);
    }

    [Fact]
    public void BindAddress_HostName_IsAConfigurationError() =>
        Assert.Throws<InvalidOperationException>(() => EmbeddedMqttBroker.ParseBindAddress("broker.example"));

    [Fact]
    public async Task MosquittoSub_WithoutAClientId_CanSubscribe()
    {
        await using CoovaTestEnvironment env = await CoovaTestEnvironment.StartAsync(BrokerKind.Embedded, TimeSpan.FromSeconds(1));

        // mosquitto_sub 2.x leaves the client id to the broker, as libmosquitto-based node firmware may.
        MosquittoSubscriber subscriber = await env.WatchAsync("/RD/MESH/1/COMMAND");

        Assert.NotNull(subscriber);
    }
}
