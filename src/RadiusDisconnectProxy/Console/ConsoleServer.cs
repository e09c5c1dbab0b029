using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Runs the console's Kestrel server (ASP.NET Core shared framework) inside the daemon: its own small web application,
/// using the daemon's logging, listening only on <c>admin.listen</c>, HTTPS when <c>tls_certificate</c>/<c>tls_key</c> are
/// given. It reads no appsettings or ASPNETCORE_ variables and leaves signal handling to the daemon's host.
/// </summary>
internal sealed class ConsoleServer(AdminOptions admin, ConsoleApi api, ConsoleSessions sessions, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private const long MaxRequestBodyBytes = 64 * 1024;
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "radius-disconnect-proxy",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new ConsoleLoggerFactory(loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = 256;
            kestrel.Listen(admin.Listen, listen =>
            {
                if (admin.UsesTls)
                {
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(admin.TlsCertificate!, admin.TlsKey));
                }
            });
        });

        WebApplication app = builder.Build();
        ILogger logger = loggerFactory.CreateLogger("RadiusDisconnectProxy.Console");
        var security = new ConsoleSecurity(sessions, logger);
        app.Use(async (context, next) =>
        {
            try
            {
                await security.InvokeAsync(context, next);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                ConsoleLog.RequestFailed(logger, e, context.Request.Method, context.Request.Path.Value ?? "");
                if (!context.Response.HasStarted)
                {
                    await ConsoleApi.ErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error (see the daemon's log)");
                }
            }
        });
        api.Map(app);
        ConsoleAssets.Map(app);
        await app.StartAsync(cancellationToken);
        _app = app;
        ConsoleLog.Listening(logger, $"{(admin.UsesTls ? "https" : "http")}://{admin.Listen}/");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The daemon's own host owns SIGTERM/SIGINT; the console's web application must not react to them itself.</summary>
    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
