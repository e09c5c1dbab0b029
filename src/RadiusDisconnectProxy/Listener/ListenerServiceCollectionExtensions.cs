using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RadiusDisconnectProxy.Listener;

public static class ListenerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the UDP listener as a hosted service. Register it after the pipeline and every other hosted service:
    /// hosted services stop in reverse order, so the listener drains first.
    /// </summary>
    public static IServiceCollection AddListener(this IServiceCollection services)
    {
        services.AddSingleton<UdpListener>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<UdpListener>());
        return services;
    }
}
