using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.Benchmarks.Codec;

/// <summary>
/// Why the codec carries its own MD5: the platform MD5 costs a native call per piece, the managed one hashes the
/// pieces of a packet (header, zeroed fields, attributes, secret) in place. Input: a 94-octet request + secret.
/// </summary>
[MemoryDiagnoser]
public class CodecMd5Benchmarks
{
    private readonly byte[] _packet = new byte[84];
    private readonly byte[] _secret = "testing123"u8.ToArray();
    private readonly byte[] _digest = new byte[16];
    private readonly IncrementalHash _platform = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    [Benchmark(Baseline = true)]
    public byte PlatformIncremental()
    {
        _platform.AppendData(_packet.AsSpan(0, 4));
        _platform.AppendData(_packet.AsSpan(4, 16));
        _platform.AppendData(_packet.AsSpan(20));
        _platform.AppendData(_secret);
        _platform.GetHashAndReset(_digest);
        return _digest[0];
    }

    [Benchmark]
    public byte Managed()
    {
        var md5 = Md5State.Create();
        md5.Append(_packet.AsSpan(0, 4));
        md5.Append(_packet.AsSpan(4, 16));
        md5.Append(_packet.AsSpan(20));
        md5.Append(_secret);
        md5.Finish(_digest);
        return _digest[0];
    }

    [GlobalCleanup]
    public void Cleanup() => _platform.Dispose();
}
