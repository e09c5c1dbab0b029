using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// The duplicate cache on the receive loop: a retransmission lookup must not allocate; a new request allocates one
/// entry. Run: <c>dotnet run -c Release --project loadtests/RadiusDisconnectProxy.Benchmarks -- --filter *DuplicateCache*</c>.
/// </summary>
[MemoryDiagnoser]
public class DuplicateCacheBenchmarks
{
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(300);
    private readonly byte[] _authenticator = new byte[16];
    private DuplicateCache _cache = null!;
    private ushort _port;
    private ulong _fresh;

    [Params(10_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cache = new DuplicateCache(Entries, TimeProvider.System);
        for (int i = 0; i < Entries; i++)
        {
            _cache.Begin(Key(i), _authenticator, s_window, out DuplicateEntry entry);
            DuplicateCache.Complete(entry, [41, (byte)i, 0, 20]);
        }
    }

    [Benchmark(Description = "retransmission lookup (hit)")]
    public int Retransmission()
    {
        _port++;
        return (int)_cache.Begin(Key(_port % Entries), _authenticator, s_window, out _);
    }

    [Benchmark(Description = "new request (insert, evicting the oldest when full)")]
    public int NewRequest()
    {
        // An address never seen before, every time (the cache is full, so each insert evicts the oldest).
        _fresh++;
        return (int)_cache.Begin(new DuplicateKey(new SourceAddress(new UInt128(1, _fresh), 1), 7), _authenticator, s_window, out _);
    }

    private static DuplicateKey Key(int i) => new(new SourceAddress((UInt128)(0x7F000001 + (i >> 16)), (ushort)(i >> 8)), (byte)i);
}
