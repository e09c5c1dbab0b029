using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RadiusDisconnectProxy.Hosting.Reload;

public static class ReloadServiceCollectionExtensions
{
    /// <summary>Reloads radius.conf on SIGHUP (the daemon only; tests of the host in-process leave it out).</summary>
    public static IServiceCollection AddConfigReload(this IServiceCollection services, ReloadSource source)
    {
        services.AddSingleton(source);
        services.AddSingleton<ConfigReloader>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ConfigReloader>());
        return services;
    }
}
