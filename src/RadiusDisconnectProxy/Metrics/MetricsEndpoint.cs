using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>
/// The optional Prometheus endpoint (<c>metrics { listen = 127.0.0.1:9812 }</c>): prometheus-net's HttpListener-based
/// <see cref="MetricServer"/> serving <c>/metrics</c>, no ASP.NET needed. Started with the host, so a port that is
/// taken fails start-up with a clear message.
/// </summary>
internal sealed partial class MetricsEndpoint(System.Net.IPEndPoint listen, ProxyMetrics metrics, ILogger<MetricsEndpoint> logger) : IHostedService, IDisposable
{
    private MetricServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string host = listen.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]" : listen.Address.ToString();
        _server = new MetricServer(host, listen.Port, "metrics/", metrics.Registry);
        try
        {
            _server.Start();
        }
        catch (System.Net.HttpListenerException ex)
        {
            throw new InvalidOperationException($"Cannot serve metrics on {listen}: {ex.Message}", ex);
        }

        Listening(logger, listen.ToString());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(EventId = EventIds.Metrics.Listening, Level = LogLevel.Information, Message = "Prometheus metrics on http://{Endpoint}/metrics")]
    private static partial void Listening(ILogger logger, string endpoint);
}
