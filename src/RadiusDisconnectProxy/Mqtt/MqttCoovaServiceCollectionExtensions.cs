using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;

namespace RadiusDisconnectProxy.Mqtt;

public static class MqttCoovaServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT transport of <c>mqtt { mode = … }</c> (as a hosted service that is connected or listening when started),
    /// the command bus, and the <c>CoovaMeshdesk</c> driver. Registers a no-op <see cref="INodeActionRecorder"/> unless
    /// one is registered already (the RADIUSdesk database area registers the recording one).
    /// </summary>
    public static IServiceCollection AddMqttCoova(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MqttOptions mqtt = options.Mqtt;
        services.AddSingleton(mqtt);
        services.TryAddSingleton<CommandIdGenerator>();
        services.TryAddSingleton(_ => new PendingReplyTable(Math.Max(options.Security.MaxPending * 4, PendingReplyTable.DefaultCapacity)));
        services.TryAddSingleton<INodeActionRecorder, NullNodeActionRecorder>();
        switch (mqtt.Mode)
        {
            case MqttMode.Embedded:
                services.AddSingleton<EmbeddedMqttBroker>();
                services.AddSingleton<IMqttCommandTransport>(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
                services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
                break;
            case MqttMode.External:
                services.AddSingleton<MqttClientTransport>();
                services.AddSingleton<IMqttCommandTransport>(sp => sp.GetRequiredService<MqttClientTransport>());
                services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MqttClientTransport>());
                break;
            default:
                services.AddSingleton<IMqttCommandTransport, DisabledMqttTransport>();
                break;
        }

        services.AddSingleton<NodeCommandBus>();
        services.AddSingleton<INasDriver, CoovaMeshdeskDriver>();
        return services;
    }
}
