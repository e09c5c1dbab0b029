using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the request pipeline, the list of NAS types (unless registered already), the NAS registry and router, metrics (and their endpoint when configured)
    /// and the audit log. Drivers (<see cref="INasDriver"/>) and an optional <see cref="ISessionDirectory"/> are
    /// registered by their own areas.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, ProxyOptions options) =>
        services.AddPipeline(options, configure: null);

    /// <param name="configure">Internal tuning (tests shorten the driver timeout).</param>
    public static IServiceCollection AddPipeline(this IServiceCollection services, ProxyOptions options, Action<PipelineOptions>? configure)
    {
        var pipelineOptions = new PipelineOptions();
        configure?.Invoke(pipelineOptions);

        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(pipelineOptions);
        services.TryAddSingleton<ProxyMetrics>();
        services.TryAddSingleton(NasTypes.Builtin);
        services.TryAddSingleton(sp => new NasRegistry(sp.GetRequiredService<ProxyOptions>().Nases));
        services.TryAddSingleton(sp => new RequestRouter(sp.GetRequiredService<NasRegistry>(), sp.GetService<ISessionDirectory>()));
        services.TryAddSingleton<DriverAbort>();
        services.AddSingleton(sp => new ClientRegistry(options, sp.GetRequiredService<ProxyMetrics>()));
        services.AddSingleton(sp => new DuplicateCache(options.Security.DuplicateCacheSize, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new PendingRequests(options.Security.MaxPending));
        services.AddSingleton(sp => new AuditLog(options.AuditEnabled, sp.GetRequiredService<ProxyMetrics>(), observer: sp.GetService<IAuditObserver>()));
        services.AddSingleton(sp => new RequestExecutor(
            sp.GetRequiredService<RequestRouter>(),
            sp.GetRequiredService<NasTypes>(),
            sp.GetServices<INasDriver>(),
            sp.GetRequiredService<ProxyMetrics>(),
            pipelineOptions,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<RequestExecutor>(),
            sp.GetRequiredService<DriverAbort>(),
            sp.GetService<RadiusDesk.IDisconnectVerifier>()));
        services.AddSingleton<RequestPipeline>();

        // Hosted services stop in reverse order: the listener (registered last, by AddListener) drains first, then
        // the audit writer writes what the last answers queued.
        services.AddHostedService<AuditWriter>();
        if (options.MetricsListen is { } metricsListen)
        {
            services.AddHostedService(sp => new MetricsEndpoint(metricsListen, sp.GetRequiredService<ProxyMetrics>(),
                sp.GetRequiredService<ILogger<MetricsEndpoint>>()));
        }

        return services;
    }
}
