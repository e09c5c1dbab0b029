using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// The memory the duplicate cache holds when a DAC spreads its requests over many source ports and fills it to its
/// 1,000,000-entry default: authentic Disconnect-Requests through the real pipeline (each answered with a signed ACK
/// that is cached), 256 Identifiers × as many source ports as needed, then as many again to show the bound holds.
/// Run: <c>dotnet run -c Release --project loadtests/RadiusDisconnectProxy.Benchmarks -- dupcache-memory [entries]</c>.
/// </summary>
internal static class DuplicateCacheMemory
{
    private const string Secret = "testing123";

    public static int Run(string[] args)
    {
        int capacity = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var options = new ProxyOptions
        {
            Clients = [new ClientOptions { Name = "dac", Networks = [IPNetwork.Parse("127.0.0.0/8")], Secret = Secret,
                Security = new SecurityOptions { DuplicateCacheSize = capacity } }],
            Nases = [new NasTarget { Name = "nas1", Type = "bench", NasIdentifier = "nas1", Settings = new MemoryNasSettings() }],
            Security = new SecurityOptions { DuplicateCacheSize = capacity },
            AuditEnabled = false,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        // The "bench" type is registered through the list of NAS types, so requests reach the driver (ACK answers).
        services.AddSingleton(NasTypes.Builtin.With(new BenchPipeline.BenchNasType()));
        services.AddSingleton<INasDriver>(new BenchPipeline.AckDriver());
        services.AddPipeline(options);
        using ServiceProvider provider = services.BuildServiceProvider();
        RequestPipeline pipeline = provider.GetRequiredService<RequestPipeline>();
        DuplicateCache cache = provider.GetRequiredService<DuplicateCache>();
        byte[][] requests = [.. Enumerable.Range(0, 256).Select(i => Build((byte)i))];
        var transport = new BenchPipeline.NullTransport();
        SocketAddress source = new IPEndPoint(IPAddress.Loopback, 0).Serialize();

        long heapBefore = Heap();
        long rssBefore = Rss();
        Console.WriteLine($"capacity {capacity:N0}; before: managed heap {Mb(heapBefore)}, RSS {Mb(rssBefore)}");
        var stopwatch = Stopwatch.StartNew();
        int sent = Fill(pipeline, requests, source, transport, 0, capacity);
        long heapFull = Heap();
        long rssFull = Rss();
        Console.WriteLine($"after {sent:N0} distinct requests in {stopwatch.Elapsed.TotalSeconds:F1} s: entries {cache.Count:N0}, "
            + $"managed heap {Mb(heapFull)} (+{Mb(heapFull - heapBefore)}, {(heapFull - heapBefore) / (double)cache.Count:F0} B/entry), RSS {Mb(rssFull)} (+{Mb(rssFull - rssBefore)})");

        sent = Fill(pipeline, requests, source, transport, capacity, capacity);
        long heapAgain = Heap();
        long rssAgain = Rss();
        Console.WriteLine($"after {sent:N0} more: entries {cache.Count:N0}, evictions {cache.Evictions:N0}, "
            + $"managed heap {Mb(heapAgain)} ({Signed(heapAgain - heapFull)}), RSS {Mb(rssAgain)} ({Signed(rssAgain - rssFull)})");
        return cache.Count == capacity ? 0 : 1;
    }

    /// <summary>Sends <paramref name="count"/> requests, each from a (source port, Identifier) pair not used before.</summary>
    private static int Fill(RequestPipeline pipeline, byte[][] requests, SocketAddress source, BenchPipeline.NullTransport transport, int first, int count)
    {
        Span<byte> port = source.Buffer.Span[2..4];
        int answered = 0;
        for (int n = first; n < first + count; n++)
        {
            int portNumber = 1024 + (n >> 8);
            if (portNumber > 65535)
            {
                // Past the port space: another loopback source address (127.0.0.x) takes over.
                portNumber = 1024 + ((n >> 8) % 64512);
                source.Buffer.Span[7] = (byte)(1 + ((n >> 8) / 64512));
            }

            port[0] = (byte)(portNumber >> 8);
            port[1] = (byte)portNumber;
            if (pipeline.Process(requests[n & 0xFF], source, transport) == PipelineOutcome.Answered)
            {
                answered++;
            }
        }

        return answered;
    }

    private static byte[] Build(byte identifier)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, identifier);
        writer.AddMessageAuthenticator();
        writer.AddString(RadiusAttributeType.UserName, "user" + identifier.ToString(CultureInfo.InvariantCulture));
        writer.AddString(RadiusAttributeType.NasIdentifier, "nas1");
        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), new SharedSecret(Secret));
        return buffer[..length];
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Rss()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    private static string Signed(long bytes) => (bytes >= 0 ? "+" : "") + Mb(bytes);

    private sealed record MemoryNasSettings : NasSettings;
}
