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
    private const string Secret = "testing123";
    private readonly SocketAddress _source = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private readonly NullTransport _transport = new();
    private ServiceProvider _services = null!;
    private RequestPipeline _pipeline = null!;
    private byte[][] _fresh = null!;
    private int _next = 1 << 8;

    [Params(false, true)]
    public bool ConsoleOn { get; set; }

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
        services.AddSingleton<INasDriver>(new AckDriver());
        if (ConsoleOn)
        {
            services.AddSingleton<IAuditObserver>(new RequestFeed(TimeProvider.System));
        }

        services.AddPipeline(options);
        _services = services.BuildServiceProvider();
        _pipeline = _services.GetRequiredService<RequestPipeline>();
        _fresh = [.. Enumerable.Range(0, 256).Select(i => Build((byte)i, "user" + i))];
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

    private static byte[] Build(byte identifier, string user)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, identifier);
        writer.AddMessageAuthenticator();
        writer.AddString(RadiusAttributeType.UserName, user);
        writer.AddString(RadiusAttributeType.NasIdentifier, "nas1");
        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), new SharedSecret(Secret));
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
}

/// <summary>The console's whole per-request cost in isolation: one <see cref="RequestFeed.Observe"/> of an audit event.</summary>
[MemoryDiagnoser]
public class RequestFeedObserveBenchmarks
{
    private readonly RequestFeed _feed = new(TimeProvider.System);
    private readonly AuditEvent _event = new(DateTimeOffset.UtcNow, "bench", new IPEndPoint(IPAddress.Loopback, 40_000), RadiusCode.DisconnectRequest,
        7, new SessionKeys { UserName = "alice" }, "nas1", true, null, TimeSpan.FromMilliseconds(1.7), "removed 1 hotspot session");

    [Benchmark(Description = "RequestFeed.Observe (one answered request)")]
    public void Observe() => _feed.Observe(_event);
}
