using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

public static class ForwardingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the RFC 5176 forwarder (also usable by other drivers, e.g. Mikrotik CoA to RouterOS) and the
    /// <c>other</c> NAS driver.
    /// </summary>
    public static IServiceCollection AddForwarding(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(ForwardingOptions.Default);
        // The forwarder re-keys what the dictionary marks encrypt=2. `serve` registers the dictionary it loaded (and
        // reported errors of) before logging started; other hosts load the configured one here.
        services.TryAddSingleton(_ => DictionaryLoader.Load(options));
        services.TryAddSingleton<RadiusForwarder>();
        services.AddSingleton<INasDriver, ForwardingDriver>();
        return services;
    }
}
