using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Forwarding;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>Registers every area of the daemon (docs/contracts.md, "Service registration").</summary>
public static class ProxyServices
{
    public static IServiceCollection AddProxyServices(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);

        // ---- LEAD: areas to add when their branches are merged (each is `AddXxx(this IServiceCollection, ProxyOptions)`
        // in its own folder). Order: the pipeline last, so its listener binds only after the drivers are registered.
        services.AddForwarding(options);
        // services.AddMqttCoova(options);     // mqtt branch: embedded broker / client, Drivers/Coova
        // services.AddMikrotik(options);      // routeros branch: Drivers/Mikrotik
        // services.AddRadiusDesk(options);    // db branch: ISessionDirectory, INodeActionRecorder (only with a radiusdesk section)
        // services.AddPipeline(options);      // pipeline branch: listener, pipeline, metrics, audit
        // ---- end of the list for the lead
        return services;
    }
}
