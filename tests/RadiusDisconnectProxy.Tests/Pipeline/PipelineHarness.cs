using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>The real pipeline, composed by <c>AddPipeline</c>, fed datagrams in-process (no sockets).</summary>
internal sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public PipelineHarness(ProxyOptions? options = null, TestDriver? driver = null, ISessionDirectory? directory = null,
        TimeProvider? time = null, Action<PipelineOptions>? tune = null)
    {
        Options = options ?? TestOptions.Create();
        Driver = driver ?? new TestDriver();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(TestNasType.All);
        services.AddSingleton<INasDriver>(Driver);
        if (directory is not null)
        {
            services.AddSingleton(directory);
        }

        services.AddPipeline(Options, tune);
        _services = services.BuildServiceProvider();
        Pipeline = _services.GetRequiredService<RequestPipeline>();
        Metrics = _services.GetRequiredService<ProxyMetrics>();
        Audit = _services.GetRequiredService<AuditLog>();
    }

    public ProxyOptions Options { get; }
    public TestDriver Driver { get; }
    public RequestPipeline Pipeline { get; }
    public ProxyMetrics Metrics { get; }
    public AuditLog Audit { get; }
    public RecordingTransport Transport { get; } = new();

    public PipelineOutcome Send(byte[] datagram, string source = "127.0.0.1", int port = 40_000) =>
        Pipeline.Process(datagram, new IPEndPoint(IPAddress.Parse(source), port).Serialize(), Transport);

    /// <summary>Sends and returns the answer sent synchronously, or null when there was none.</summary>
    public Answer? Exchange(byte[] request, string secret = TestOptions.Secret, string source = "127.0.0.1", int port = 40_000)
    {
        Send(request, source, port);
        return Transport.TryTake(out byte[] answer) ? new Answer(answer, request, secret) : null;
    }

    public async Task<Answer> ExchangeAsync(byte[] request, string secret = TestOptions.Secret)
    {
        Send(request);
        return new Answer(await Transport.NextAsync(), request, secret);
    }

    public async Task<string> ExportMetricsAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose() => _services.Dispose();
}
