using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using Serilog;

namespace RadiusDisconnectProxy.Hosting;

/// <summary>
/// The daemon's generic host: systemd integration (Type=notify: READY=1 once every hosted service's StartAsync has
/// completed, i.e. the sockets are bound; SIGTERM → graceful stop), Serilog to stdout, a shutdown timeout long
/// enough to drain the requests in flight, and a non-zero exit when start-up or a background service fails.
/// </summary>
public static class ProxyHost
{
    /// <param name="configureServices">Extra registrations (tests add their own hosted services here).</param>
    public static IHost Build(ProxyOptions options, Serilog.ILogger logger, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // No appsettings.json or DOTNET_ host variables: radius.conf is the configuration.
            DisableDefaults = true,
            ContentRootPath = options.ConfigPath is null ? AppContext.BaseDirectory : Path.GetDirectoryName(options.ConfigPath),
        });

        builder.Services.AddSystemd();
        if (!SystemdHelpers.IsSystemdService() && Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 })
        {
            // AddSystemd() only looks at the parent process; a service started through a wrapper (a shell,
            // `dotnet x.dll` under a supervisor) still gets NOTIFY_SOCKET and must send READY=1, as sd_notify(3) would.
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        builder.Services.Configure<HostOptions>(host =>
        {
            host.ShutdownTimeout = ShutdownPolicy.ShutdownTimeout(options);
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.AddProxyServices(options);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Runs until SIGTERM/SIGINT (or a failure) and returns the process exit code.</summary>
    /// <returns>0 after a clean stop; 1 when start-up failed or a background service crashed.</returns>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        Microsoft.Extensions.Logging.ILogger log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RadiusDisconnectProxy.Host");
        ProxyOptions options = host.Services.GetRequiredService<ProxyOptions>();
        HostLog.ConfigurationLoaded(log, options.ConfigPath, options.Clients.Count, options.Nases.Count, options.Mqtt.Mode.ToString());
        foreach (string warning in options.Warnings)
        {
            HostLog.ConfigurationWarning(log, warning);
        }

        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // A bind failure, a taken MQTT port, an unreachable dependency at start: say so once and exit non-zero —
            // 78 when it is the configuration's fault, as check-config would have said.
            int code = Report(log, e);
            await StopQuietlyAsync(host);
            return code;
        }

        await host.WaitForShutdownAsync(cancellationToken);
        int exitCode = 0;

        // With BackgroundServiceExceptionBehavior.StopHost a crashed BackgroundService stops the host, but the process
        // would still exit 0 (dotnet/runtime#67146) and Restart=on-failure would never fire.
        foreach (IHostedService service in host.Services.GetServices<IHostedService>())
        {
            if (service is BackgroundService { ExecuteTask: { IsFaulted: true } task })
            {
                HostLog.BackgroundServiceFailed(log, service.GetType().Name, task.Exception!.GetBaseException());
                exitCode = 1;
            }
        }

        HostLog.Stopped(log);
        return exitCode;
    }

    /// <summary>Logs a start-up failure once; a stack trace only for what the proxy did not anticipate.</summary>
    private static int Report(Microsoft.Extensions.Logging.ILogger log, Exception e)
    {
        Exception inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        switch (inner)
        {
            case ConfigurationException config:
                HostLog.ConfigurationError(log, config.Message);
                return 78;
            case InvalidOperationException or System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException:
                HostLog.StartFailedPlain(log, inner.Message);
                return 1;
            default:
                HostLog.StartFailed(log, inner.Message, inner);
                return 1;
        }
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // Start-up already failed; the original error is what the operator needs.
        }
    }
}
