using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Listener;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.RadSec;
using RadiusDisconnectProxy.WebConsole;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>Registers every area of the daemon (docs/contracts.md, "Service registration").</summary>
public static class ProxyServices
{
    public static IServiceCollection AddProxyServices(this IServiceCollection services, ProxyOptions options) =>
        services.AddProxyServices(options, NasTypes.Builtin);

    internal static IServiceCollection AddProxyServices(this IServiceCollection services, ProxyOptions options, NasTypes types)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(types);
        services.AddMqtt(options);          // Mqtt: embedded broker or client and the node command bus (shared transport)
        foreach (NasType type in types.All)
        {
            type.AddServices(services, options);    // Drivers/<Type>: the type's driver and what it needs
        }

        services.AddRadiusDesk(options);    // RadiusDesk: session directory, action recorder, verifier (radiusdesk section only)
        services.AddPipeline(options);      // Pipeline: pipeline, router, metrics, audit
        // The listener after everything the request path needs, so it binds only once that is registered.
        services.AddListener();
        services.AddRadSec(options);        // RadSec: listen_tls (RFC 6614, RFC 9765) into the same pipeline; stops before UDP
        // The web console (admin section only) after the listener: it stops first at shutdown, so no console disconnect
        // starts while the listener drains.
        services.AddWebConsole(options);
        return services;
    }
}
