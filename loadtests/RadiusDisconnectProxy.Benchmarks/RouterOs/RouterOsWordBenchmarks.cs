using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.Benchmarks.RouterOs;

/// <summary>
/// The RouterOS API word codec on the sentences one hotspot removal sends: the session query
/// (<c>/ip/hotspot/active/print</c> with <c>?user=</c>, <c>?mac-address=</c> and a <c>.proplist</c>) and the remove.
/// Target: 0 B allocated per sentence once the writer's buffer has grown.
/// </summary>
[MemoryDiagnoser]
public class RouterOsWordBenchmarks
{
    private readonly SentenceWriter _writer = new();
    private byte[] _lengths = [];

    [GlobalSetup]
    public void Setup()
    {
        _lengths = new byte[WordLength.MaxPrefixSize];
        WritePrintSentence();
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public int WritePrintSentence()
    {
        _writer.Reset();
        _writer.AppendWord("/ip/hotspot/active/print");
        _writer.AppendWord("=.proplist=", ".id,user,address,mac-address,server,uptime");
        _writer.AppendWord("?user=", "user012345");
        _writer.AppendWord("?mac-address=", "02:00:00:00:30:39");
        _writer.AppendWord(".tag=", "17");
        _writer.EndSentence();
        return _writer.WrittenSpan.Length;
    }

    [Benchmark]
    public int WriteRemoveSentence()
    {
        _writer.Reset();
        _writer.AppendWord("/ip/hotspot/active/remove");
        _writer.AppendWord("=.id=", "*1A2B");
        _writer.AppendWord(".tag=", "18");
        _writer.EndSentence();
        return _writer.WrittenSpan.Length;
    }

    /// <summary>Length prefixes of every size class (1 to 5 octets, RouterOS API "API words").</summary>
    [Benchmark]
    public int EncodeAndDecodeLengths()
    {
        int total = 0;
        foreach (int length in (ReadOnlySpan<int>)[5, 200, 0x3FFF, 0x1FFFFF, 0xFFFFFFF])
        {
            int size = WordLength.Encode(_lengths, length);
            WordLength.TryDecode(_lengths.AsSpan(0, size), out int decoded, out int consumed);
            total += decoded + consumed;
        }

        return total;
    }
}
