using System.Net;
using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// The whole synchronous request path without sockets: a forged packet (dropped after one MD5), a retransmission
/// (answered from the cache, no allocation expected) and a new request through a driver that completes at once.
/// </summary>
[MemoryDiagnoser]
public class RequestPipelineBenchmarks
{
    private const string Secret = BenchPipeline.Secret;
    private readonly SocketAddress _source = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private readonly BenchPipeline.NullTransport _transport = new();
    private ServiceProvider _services = null!;
    private RequestPipeline _pipeline = null!;
    private byte[] _forged = null!;
    private byte[] _retransmission = null!;
    private byte[][] _fresh = null!;
    private int _next = 1 << 8;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchPipeline.Create();
        _pipeline = _services.GetRequiredService<RequestPipeline>();

        _retransmission = BenchPipeline.Build(1, "alice", Secret);
        _pipeline.Process(_retransmission, _source, _transport);
        _forged = BenchPipeline.Build(2, "mallory", "not-the-secret");
        _fresh = [.. Enumerable.Range(0, 256).Select(i => BenchPipeline.Build((byte)i, "user" + i, Secret))];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "forged request (dropped)")]
    public int Forged() => (int)_pipeline.Process(_forged, _source, _transport);

    [Benchmark(Description = "retransmission (cached answer)")]
    public int Retransmission() => (int)_pipeline.Process(_retransmission, _source, _transport);

    [Benchmark(Description = "new Disconnect-Request → ACK")]
    public int NewRequest()
    {
        // 256 Identifiers x 65536 source ports: 16M distinct duplicate-cache keys before one repeats (by then it was
        // evicted by the 1M-entry bound, so it is new again).
        int i = _next++;
        Span<byte> port = _source.Buffer.Span[2..4];
        port[0] = (byte)(i >> 16);
        port[1] = (byte)(i >> 8);
        return (int)_pipeline.Process(_fresh[i & 0xFF], _source, _transport);
    }
}
