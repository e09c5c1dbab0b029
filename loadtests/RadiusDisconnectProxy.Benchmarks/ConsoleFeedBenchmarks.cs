using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.WebConsole;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// What the web console adds to the request path (docs/console.md, "Cost on the RADIUS path"): a new request answered
/// at once by a driver, with the console off (no audit observer registered) and on (the console's request feed observes
/// every audit event, as <c>AddWebConsole</c> registers it). Audit logging itself is off in both, to isolate the feed.
/// </summary>
[MemoryDiagnoser]
public class ConsoleFeedBenchmarks
{
    private readonly SocketAddress _source = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private readonly BenchPipeline.NullTransport _transport = new();
    private ServiceProvider _services = null!;
    private RequestPipeline _pipeline = null!;
    private byte[][] _fresh = null!;
    private int _next = 1 << 8;

    [Params(false, true)]
    public bool ConsoleOn { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchPipeline.Create(services =>
        {
            if (ConsoleOn)
            {
                services.AddSingleton<IAuditObserver>(new RequestFeed(TimeProvider.System));
            }
        });
        _pipeline = _services.GetRequiredService<RequestPipeline>();
        _fresh = [.. Enumerable.Range(0, 256).Select(i => BenchPipeline.Build((byte)i, "user" + i, BenchPipeline.Secret))];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "new Disconnect-Request → ACK")]
    public int NewRequest()
    {
        int i = _next++;
        Span<byte> port = _source.Buffer.Span[2..4];
        port[0] = (byte)(i >> 16);
        port[1] = (byte)(i >> 8);
        return (int)_pipeline.Process(_fresh[i & 0xFF], _source, _transport);
    }
}
