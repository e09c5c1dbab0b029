using RadiusDisconnectProxy.Drivers;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting;
using RadiusDisconnectProxy.Listener;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// The whole daemon in-process, built exactly as <c>serve</c> builds it: a generated radius.conf read by the real
/// loader, the shipped dictionary, <see cref="ProxyHost.Build"/> with every area registered by
/// <see cref="ProxyServices"/>, listening on 127.0.0.1 port 0.
/// </summary>
internal sealed class IntegrationProxy : IAsyncDisposable
{
    public const string Secret = "testing123";

    private static readonly Serilog.ILogger s_silent = new Serilog.LoggerConfiguration().CreateLogger();

    private readonly IHost _host;
    private readonly string _directory;

    private IntegrationProxy(IHost host, string directory, ProxyOptions options)
    {
        _host = host;
        _directory = directory;
        Options = options;
        EndPoints = host.Services.GetRequiredService<UdpListener>().LocalEndPoints;
        EndPoint = EndPoints[0];
    }

    /// <summary>The first listening socket's address and port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Every listening socket, in the order of the listen section's ipaddr values.</summary>
    public IReadOnlyList<IPEndPoint> EndPoints { get; }

    public ProxyOptions Options { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the daemon with <paramref name="body"/> (clients, nas entries, mqtt, radiusdesk…) after a listen section on
    /// port 0 (on <paramref name="listenAddresses"/>) and, unless <paramref name="defaultClient"/> is false, a client for
    /// 127.0.0.1 with <see cref="Secret"/>.
    /// </summary>
    public static async Task<IntegrationProxy> StartAsync(string body, bool defaultClient = true, string listenAddresses = "ipaddr = 127.0.0.1")
    {
        string directory = Path.Combine(Path.GetTempPath(), "rdp-integration-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "radius.conf");
        string client = defaultClient ? $"client local {{ ipaddr = 127.0.0.1  secret = {Secret} }}\n" : "";
        await File.WriteAllTextAsync(path, $"listen {{ {listenAddresses}  port = 0 }}\naudit {{ enabled = no }}\n" + client + body);
        try
        {
            ProxyOptions options = ProxyOptionsLoader.Load(path, NasTypes.Builtin.All, [], new Dictionary<string, string>());
            RadiusDictionary dictionary = DictionaryLoader.Load(options);
            IHost host = ProxyHost.Build(options, s_silent, services => services.AddSingleton(dictionary));
            try
            {
                await host.StartAsync();
            }
            catch
            {
                host.Dispose();
                throw;
            }

            return new IntegrationProxy(host, directory, options);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Waits until the MQTT transport (external client or embedded broker) can publish.</summary>
    public Task WaitForMqttAsync() =>
        IntegrationWait.UntilAsync(() => Services.GetRequiredService<IMqttCommandTransport>().IsConnected, TimeSpan.FromSeconds(15));

    /// <summary>The real radclient against the proxy; <paramref name="attributes"/> in radclient's text form.</summary>
    public Task<RadclientResult> RadclientAsync(string command, string attributes, int timeoutSeconds = 5, int retries = 1) =>
        RadclientRunner.RunAsync(EndPoint, command, Secret, attributes, timeoutSeconds, retries);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _host.StopAsync(stop.Token);
        }

        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
