using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.RadSec;

public static class RadSecServiceCollectionExtensions
{
    /// <summary>
    /// Registers the RadSec listener when <c>listen_tls</c> is configured (nothing otherwise). Call it after
    /// <c>AddPipeline</c>: hosted services stop in reverse order, so RadSec stops reading and drains before UDP does.
    /// </summary>
    public static IServiceCollection AddRadSec(this IServiceCollection services, ProxyOptions options)
    {
        if (options.ListenTls is null)
        {
            return services;
        }

        services.AddSingleton<RadSecMetrics>();
        services.AddSingleton<RadSecClients>();
        services.AddSingleton<RadSecListener>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RadSecListener>());
        return services;
    }
}
