using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Listener;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Services;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>The real listener and pipeline in a generic host on 127.0.0.1 port 0, with a test driver.</summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ProxyHost(IHost host, TestDriver driver)
    {
        _host = host;
        Driver = driver;
        Listener = host.Services.GetRequiredService<UdpListener>();
        EndPoint = Listener.LocalEndPoints[0];
    }

    public TestDriver Driver { get; }

    public UdpListener Listener { get; }

    public IPEndPoint EndPoint { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<ProxyHost> StartAsync(ProxyOptions? options = null, TestDriver? driver = null, ISessionDirectory? directory = null,
        Action<PipelineOptions>? tune = null, Action<IServiceCollection>? configure = null)
    {
        driver ??= new TestDriver();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(TestNasType.All);
        builder.Services.AddSingleton<INasDriver>(driver);
        if (directory is not null)
        {
            builder.Services.AddSingleton(directory);
        }

        configure?.Invoke(builder.Services);
        builder.Services.AddPipeline(options ?? TestOptions.Create(), tune);
        builder.Services.AddListener();
        IHost host = builder.Build();
        await host.StartAsync();
        return new ProxyHost(host, driver);
    }

    /// <summary>radclient against the proxy; <paramref name="attributes"/> in radclient's text form.</summary>
    public Task<RadclientResult> RadclientAsync(string command, string attributes, string secret = TestOptions.Secret, int timeoutSeconds = 3, int retries = 1) =>
        RadclientRunner.RunAsync(EndPoint, command, secret, attributes, timeoutSeconds, retries);

    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
