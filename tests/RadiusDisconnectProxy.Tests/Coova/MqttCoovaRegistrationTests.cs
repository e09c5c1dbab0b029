using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Coova;

[Collection(CoovaCollection.Name)]
public sealed class MqttCoovaRegistrationTests
{
    [Fact]
    public async Task AddMqttCoova_Embedded_RegistersTheDriverAndABrokerThatListensOnceStarted()
    {
        var options = new ProxyOptions { Mqtt = new MqttOptions { Mode = MqttMode.Embedded, Port = MosquittoBroker.FreeTcpPort(), Username = "u", Password = "p" } };
        await using ServiceProvider services = new ServiceCollection().AddLogging().AddMqttAndCoova(options).BuildServiceProvider();

        INasDriver driver = Assert.Single(services.GetServices<INasDriver>());
        Assert.Equal("CoovaMeshdesk", driver.Type);
        Assert.IsType<NullNodeActionRecorder>(services.GetRequiredService<INodeActionRecorder>());
        IHostedService hosted = Assert.Single(services.GetServices<IHostedService>());
        IMqttCommandTransport transport = services.GetRequiredService<IMqttCommandTransport>();
        Assert.Same(transport, hosted);

        await hosted.StartAsync(CancellationToken.None);
        Assert.True(transport.IsConnected);
        await hosted.StopAsync(CancellationToken.None);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task AddMqttCoova_External_RegistersTheClientAsHostedService()
    {
        var options = new ProxyOptions { Mqtt = new MqttOptions { Mode = MqttMode.External, Port = MosquittoBroker.FreeTcpPort() } };
        await using ServiceProvider services = new ServiceCollection().AddLogging().AddMqttAndCoova(options).BuildServiceProvider();

        Assert.IsType<MqttClientTransport>(Assert.Single(services.GetServices<IHostedService>()));
        Assert.Same(services.GetRequiredService<MqttClientTransport>(), services.GetRequiredService<IMqttCommandTransport>());
    }

    [Fact]
    public async Task AddMqttCoova_Off_StillServesCoovaNasesWithNak506_AndKeepsARecorderRegisteredBefore()
    {
        var recorder = new RecordingNodeActionRecorder();
        await using ServiceProvider services = new ServiceCollection().AddLogging()
            .AddSingleton<INodeActionRecorder>(recorder)
            .AddMqttAndCoova(new ProxyOptions()).BuildServiceProvider();

        Assert.Empty(services.GetServices<IHostedService>());
        Assert.Same(recorder, services.GetRequiredService<INodeActionRecorder>());
        DriverResult result = await services.GetRequiredService<INasDriver>().ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"),
            CoovaRequests.Mesh(new MeshNode(1, "02-00-00-00-00-01", "M")), CancellationToken.None);
        Assert.Equal(Radius.Attributes.ErrorCause.ResourcesUnavailable, result.ErrorCause);
    }
}

/// <summary>What the host registers for MQTT NAS types: the shared transport, then the CoovaMeshdesk type's services.</summary>
internal static class MqttCoovaRegistration
{
    public static IServiceCollection AddMqttAndCoova(this IServiceCollection services, ProxyOptions options)
    {
        services.AddMqtt(options);
        new CoovaNasType().AddServices(services, options);
        return services;
    }
}
