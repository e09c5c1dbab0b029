using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT transport of <c>mqtt { mode = … }</c> (as a hosted service that is connected or listening when started)
    /// and the node command bus, shared by every NAS type that commands nodes over MQTT.
    /// </summary>
    public static IServiceCollection AddMqtt(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MqttOptions mqtt = options.Mqtt;
        services.AddSingleton(mqtt);
        services.AddSingleton(new LiveMqttOptions(mqtt));
        services.TryAddSingleton<CommandIdGenerator>();
        services.TryAddSingleton(sp => new PendingReplyTable(Math.Max(options.Security.MaxPending * 4, PendingReplyTable.DefaultCapacity),
            sp.GetService<IUnclaimedReplyHandler>()));
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
        // SIGHUP: reply_timeout and the broker settings of the running mode (docs/operations.md, "Reload").
        services.AddSingleton<IReloadableSection>(sp => new MqttReloader(sp.GetRequiredService<LiveMqttOptions>(),
            sp.GetRequiredService<IMqttCommandTransport>()));
        return services;
    }
}
