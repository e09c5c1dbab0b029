using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.WebConsole;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>Registers every area of the daemon (docs/contracts.md, "Service registration").</summary>
public static class ProxyServices
{
    public static IServiceCollection AddProxyServices(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddForwarding(options);    // Drivers/Forwarding: type = other, and the forwarder Mikrotik CoAs use
        services.AddMikrotik(options);      // Drivers/Mikrotik: type = Mikrotik-API
        services.AddMqttCoova(options);     // Mqtt + Drivers/Coova: embedded broker or client, type = CoovaMeshdesk
        services.AddRadiusDesk(options);    // RadiusDesk: session directory, action recorder, verifier (radiusdesk section only)
        // The pipeline last, so its listener binds only after the drivers are registered.
        services.AddPipeline(options);      // Pipeline: listener, pipeline, metrics, audit
        services.AddWebConsole(options);    // Console: the web console (admin section only); stops before the listener drains
        return services;
    }
}
