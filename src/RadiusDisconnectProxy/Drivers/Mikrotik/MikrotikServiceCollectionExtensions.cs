using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Forwarding;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

public static class MikrotikServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Mikrotik-API</c> driver and its per-router client cache (disposed, with <c>/quit</c>, at shutdown).
    /// CoAs for NASes with <c>coa_port</c> and <c>secret</c> go through an <see cref="IRouterCoaForwarder"/> if one is
    /// registered, else through the RFC 5176 <see cref="RadiusForwarder"/> of <c>AddForwarding</c> when that is registered;
    /// with neither, the driver uses the API path.
    /// </summary>
    public static IServiceCollection AddMikrotik(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<MikrotikClientCache>();
        services.AddSingleton<MikrotikDriver>(sp => new MikrotikDriver(
            sp.GetRequiredService<MikrotikClientCache>(),
            sp.GetRequiredService<ILogger<MikrotikDriver>>(),
            sp.GetService<IRouterCoaForwarder>()
                ?? (sp.GetService<RadiusForwarder>() is { } forwarder ? new RadiusForwarderCoaForwarder(forwarder) : null)));
        services.AddSingleton<INasDriver>(sp => sp.GetRequiredService<MikrotikDriver>());
        return services;
    }
}
