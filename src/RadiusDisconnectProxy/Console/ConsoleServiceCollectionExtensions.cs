using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Registers the web console when the <c>admin</c> section is present, else nothing at all (no feed on the audit path,
    /// no listener). Call it after <c>AddPipeline</c>: hosted services stop in reverse order, so the console stops taking
    /// disconnects before the listener drains.
    /// </summary>
    public static IServiceCollection AddWebConsole(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Admin is not { } admin)
        {
            return services;
        }

        services.AddSingleton(admin);
        services.AddSingleton(sp => new RequestFeed(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuditObserver>(sp => sp.GetRequiredService<RequestFeed>());
        services.AddSingleton(sp => new ConsoleSessions(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LoginThrottle(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConsoleNasOperations>(sp => new NasTypeConsoleOperations(
            sp.GetRequiredService<NasRegistry>(),
            sp.GetRequiredService<NasTypes>(),
            sp.GetService<RadiusDeskDatabase>() is { } database ? new RadAcctSessions(database, sp.GetRequiredService<TimeProvider>()) : null));
        services.AddSingleton(sp => new ConsoleDisconnects(
            sp.GetRequiredService<RequestExecutor>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<IConsoleNasOperations>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ISessionDirectory>()));
        services.AddSingleton(sp => new ConsoleApi(admin, sp.GetRequiredService<ConsoleSessions>(), sp.GetRequiredService<LoginThrottle>(),
            sp.GetRequiredService<IConsoleNasOperations>(), sp.GetRequiredService<ConsoleDisconnects>(), sp.GetRequiredService<RequestFeed>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("RadiusDisconnectProxy.Console")));
        services.AddSingleton<IHostedService>(sp => new ConsoleServer(admin, sp.GetRequiredService<ConsoleApi>(),
            sp.GetRequiredService<ConsoleSessions>(), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
