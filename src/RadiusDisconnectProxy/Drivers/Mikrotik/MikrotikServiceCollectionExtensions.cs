using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

public static class MikrotikServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Mikrotik-API</c> driver and its per-router client cache (disposed, with <c>/quit</c>, at shutdown).
    /// An <see cref="IRouterCoaForwarder"/> registered by the forwarding area is picked up when present.
    /// </summary>
    public static IServiceCollection AddMikrotik(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<MikrotikClientCache>();
        services.AddSingleton<MikrotikDriver>(sp => new MikrotikDriver(
            sp.GetRequiredService<MikrotikClientCache>(),
            sp.GetRequiredService<ILogger<MikrotikDriver>>(),
            sp.GetService<IRouterCoaForwarder>()));
        services.AddSingleton<INasDriver>(sp => sp.GetRequiredService<MikrotikDriver>());
        return services;
    }
}
