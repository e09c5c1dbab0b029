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
    private const string Secret = "testing123";
    private readonly SocketAddress _source = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private readonly NullTransport _transport = new();
    private ServiceProvider _services = null!;
    private RequestPipeline _pipeline = null!;
    private byte[] _forged = null!;
    private byte[] _retransmission = null!;
    private byte[][] _fresh = null!;
    private int _next = 1 << 8;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProxyOptions
        {
            Clients = [new ClientOptions { Name = "bench", Networks = [IPNetwork.Parse("127.0.0.0/8")], Secret = Secret, Security = new SecurityOptions() }],
            Nases = [new NasTarget { Name = "nas1", Type = "bench", NasIdentifier = "nas1", Settings = new BenchNasSettings() }],
            AuditEnabled = false,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(NasTypes.Builtin.With(new BenchNasType()));
        services.AddSingleton<INasDriver>(new AckDriver());
        services.AddPipeline(options);
        _services = services.BuildServiceProvider();
        _pipeline = _services.GetRequiredService<RequestPipeline>();

        _retransmission = Build(1, "alice", Secret);
        _pipeline.Process(_retransmission, _source, _transport);
        _forged = Build(2, "mallory", "not-the-secret");
        _fresh = [.. Enumerable.Range(0, 256).Select(i => Build((byte)i, "user" + i, Secret))];
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

    private static byte[] Build(byte identifier, string user, string secret)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, identifier);
        writer.AddMessageAuthenticator();
        writer.AddString(RadiusAttributeType.UserName, user);
        writer.AddString(RadiusAttributeType.NasIdentifier, "nas1");
        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), new SharedSecret(secret));
        return buffer[..length];
    }

    private sealed class NullTransport : IAnswerTransport
    {
        public void Send(ReadOnlySpan<byte> answer, SocketAddress destination)
        {
        }
    }

    private sealed class AckDriver : INasDriver
    {
        public string Type => "bench";

        public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DriverResult.Ack());
    }

    private sealed record BenchNasSettings : NasSettings;

    /// <summary>The benchmark's NAS type, registered through the list like any other (docs/adding-a-nas-type.md).</summary>
    internal sealed class BenchNasType : NasType
    {
        public override string Name => "bench";

        public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

        public override IReadOnlyCollection<string> ConfigKeys => [];

        public override NasSettings ReadSettings(Configuration.Validation.NasSection section) => new BenchNasSettings();

        public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, System.Net.IPAddress? nasIp,
            System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DatabaseMapping.Of(new BenchNasSettings()));

        public override string Describe(NasSettings settings) => "bench";

        public override void AddServices(IServiceCollection services, ProxyOptions options)
        {
        }
    }
}
