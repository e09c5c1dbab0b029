using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

/// <summary>
/// One Kestrel server that gives simulated routers their RouterOS v7 REST face: per router a plain HTTP port (<c>www</c>)
/// and an HTTPS port (<c>www-ssl</c>, a self-signed certificate made at run time), both on 127.0.0.1 and free ports.
/// The router is chosen by the port a connection arrived on, so a hundred routers share one server cheaply; each answers
/// over the very tables its binary API serves.
/// </summary>
public sealed class RouterOsRestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RouterOsRestServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>
    /// Serves the routers' REST faces; with one router, <paramref name="httpPort"/> and <paramref name="httpsPort"/> may
    /// fix its ports (0: any free port), for a simulator tried by hand.
    /// </summary>
    public static async Task<RouterOsRestServer> StartAsync(IReadOnlyList<RouterOsSimulator> routers, X509Certificate2? certificate = null,
        int httpPort = 0, int httpsPort = 0)
    {
        ArgumentNullException.ThrowIfNull(routers);
        if ((httpPort != 0 || httpsPort != 0) && routers.Count != 1)
        {
            throw new ArgumentException("fixed REST ports are for a single router", nameof(routers));
        }

        certificate ??= SelfSignedCertificate.Create("CN=router.test");
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "routeros-rest-simulator",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var listeners = new List<(ListenOptions Http, ListenOptions Https, RouterOsSimulator Router)>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1 << 20;
            foreach (RouterOsSimulator router in routers)
            {
                ListenOptions? http = null, https = null;
                kestrel.Listen(router.Options.ListenEndPoint.Address, httpPort, listen =>
                {
                    listen.Use(next => connection => { router.CountRestConnection(); return next(connection); });
                    http = listen;
                });
                kestrel.Listen(router.Options.ListenEndPoint.Address, httpsPort, listen =>
                {
                    // Counted before the handshake: a refused certificate still shows as a connection, never as a request.
                    listen.Use(next => connection => { router.CountRestConnection(); return next(connection); });
                    listen.UseHttps(certificate);
                    https = listen;
                });
                listeners.Add((http!, https!, router));
            }
        });

        WebApplication app = builder.Build();
        var byPort = new Dictionary<int, RouterOsSimulator>();
        app.Run(context => byPort.TryGetValue(context.Connection.LocalPort, out RouterOsSimulator? router)
            ? RestRequestHandler.HandleAsync(context, router)
            : Task.CompletedTask);
        await app.StartAsync();
        foreach ((ListenOptions http, ListenOptions https, RouterOsSimulator router) in listeners)
        {
            int boundHttp = http.IPEndPoint!.Port, boundHttps = https.IPEndPoint!.Port;
            byPort[boundHttp] = router;
            byPort[boundHttps] = router;
            router.AttachRest(boundHttp, boundHttps, certificate);
        }

        return new RouterOsRestServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
