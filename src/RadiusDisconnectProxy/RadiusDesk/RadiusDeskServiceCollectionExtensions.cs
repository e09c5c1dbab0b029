using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

public static class RadiusDeskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the RADIUSdesk store when <see cref="ProxyOptions.RadiusDesk"/> is set, else nothing:
    /// <see cref="ISessionDirectory"/>, <see cref="INodeActionRecorder"/> (replacing any default recorder, so the MQTT area
    /// should register its default with TryAdd) and <see cref="IDisconnectVerifier"/>, the last two active only while
    /// <c>record_actions = yes</c> / <c>verify = accounting</c>, so a reload can turn them on and off
    /// (docs/operations.md, "Reload"); and the <see cref="IReloadableSection"/> that applies a reloaded section.
    /// </summary>
    public static IServiceCollection AddRadiusDesk(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RadiusDesk is not { } radiusDesk)
        {
            return services;
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(radiusDesk);
        services.AddSingleton(sp =>
        {
            var database = new RadiusDeskDatabase(radiusDesk, sp.GetRequiredService<ILogger<RadiusDeskDatabase>>());
            RadiusDeskLog.Configured(sp.GetRequiredService<ILogger<RadiusDeskDatabase>>(), database.RedactedConnectionString,
                radiusDesk.CacheTtl, radiusDesk.RecordActions, radiusDesk.Verify.ToString().ToLowerInvariant());
            return database;
        });
        services.TryAddSingleton(NasTypes.Builtin);
        services.TryAddSingleton(sp => new NasRegistry(options.Nases));
        services.AddSingleton(sp => new RadiusDeskNasResolver(sp.GetRequiredService<NasRegistry>(), sp.GetRequiredService<NasTypes>(),
            radiusDesk.CacheTtl, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RadiusDeskNasResolver>>()));
        services.AddSingleton<ISessionDirectory, RadiusDeskSessionDirectory>();
        services.RemoveAll<INodeActionRecorder>();
        services.AddSingleton<INodeActionRecorder, RadiusDeskNodeActionRecorder>();
        // Replies no waiting request claims (other gateway nodes, other or dead instances): docs/high-availability.md.
        services.AddSingleton<NodeActionReplyCompleter>();
        services.AddSingleton<IUnclaimedReplyHandler>(sp => sp.GetRequiredService<NodeActionReplyCompleter>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NodeActionReplyCompleter>());
        services.AddSingleton<IDisconnectVerifier, AccountingDisconnectVerifier>();
        services.AddSingleton<IReloadableSection>(sp => new RadiusDeskReloader(sp.GetRequiredService<RadiusDeskDatabase>(),
            sp.GetRequiredService<RadiusDeskNasResolver>(), sp.GetRequiredService<NodeActionReplyCompleter>(),
            sp.GetRequiredService<ILogger<RadiusDeskReloader>>()));
        return services;
    }
}
