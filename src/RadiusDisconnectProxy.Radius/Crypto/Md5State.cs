using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// A managed MD5 (RFC 1321) that can be copied mid-stream, so HMAC-MD5 can start from a precomputed key state
/// (RFC 2104 §4) and hashing needs no platform call per piece. Tests prove it identical to the platform's MD5.
/// </summary>
internal struct Md5State
{
    public const int BlockLength = 64;
    public const int DigestLength = 16;

    private uint _a;
    private uint _b;
    private uint _c;
    private uint _d;
    private ulong _length;
    private int _buffered;
    private Md5Block _buffer;

    public static Md5State Create() => new() { _a = 0x67452301u, _b = 0xefcdab89u, _c = 0x98badcfeu, _d = 0x10325476u };

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        Span<byte> buffer = _buffer;
        if (_buffered > 0)
        {
            int take = Math.Min(BlockLength - _buffered, data.Length);
            data[..take].CopyTo(buffer[_buffered..]);
            _buffered += take;
            data = data[take..];
            if (_buffered < BlockLength)
            {
                return;
            }

            Transform(buffer);
            _buffered = 0;
        }

        while (data.Length >= BlockLength)
        {
            Transform(data[..BlockLength]);
            data = data[BlockLength..];
        }

        data.CopyTo(buffer);
        _buffered = data.Length;
    }

    /// <summary>Pads, finishes and writes the 16-octet digest; the state is spent afterwards.</summary>
    public void Finish(Span<byte> digest)
    {
        ulong bits = _length * 8;
        Span<byte> buffer = _buffer;
        buffer[_buffered++] = 0x80;
        if (_buffered > BlockLength - 8)
        {
            buffer[_buffered..].Clear();
            Transform(buffer);
            _buffered = 0;
        }

        buffer[_buffered..(BlockLength - 8)].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[(BlockLength - 8)..], bits);
        Transform(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(digest, _a);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[4..], _b);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[8..], _c);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[12..], _d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint F(uint x, uint y, uint z) => z ^ (x & (y ^ z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint G(uint x, uint y, uint z) => y ^ (z & (x ^ y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint H(uint x, uint y, uint z) => x ^ y ^ z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint I(uint x, uint y, uint z) => y ^ (x | ~z);

    // RFC 1321 §3.4, the four rounds unrolled.
    private void Transform(ReadOnlySpan<byte> block)
    {
        uint x0 = BinaryPrimitives.ReadUInt32LittleEndian(block[0..]);
        uint x1 = BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);
        uint x2 = BinaryPrimitives.ReadUInt32LittleEndian(block[8..]);
        uint x3 = BinaryPrimitives.ReadUInt32LittleEndian(block[12..]);
        uint x4 = BinaryPrimitives.ReadUInt32LittleEndian(block[16..]);
        uint x5 = BinaryPrimitives.ReadUInt32LittleEndian(block[20..]);
        uint x6 = BinaryPrimitives.ReadUInt32LittleEndian(block[24..]);
        uint x7 = BinaryPrimitives.ReadUInt32LittleEndian(block[28..]);
        uint x8 = BinaryPrimitives.ReadUInt32LittleEndian(block[32..]);
        uint x9 = BinaryPrimitives.ReadUInt32LittleEndian(block[36..]);
        uint x10 = BinaryPrimitives.ReadUInt32LittleEndian(block[40..]);
        uint x11 = BinaryPrimitives.ReadUInt32LittleEndian(block[44..]);
        uint x12 = BinaryPrimitives.ReadUInt32LittleEndian(block[48..]);
        uint x13 = BinaryPrimitives.ReadUInt32LittleEndian(block[52..]);
        uint x14 = BinaryPrimitives.ReadUInt32LittleEndian(block[56..]);
        uint x15 = BinaryPrimitives.ReadUInt32LittleEndian(block[60..]);
        uint a = _a;
        uint b = _b;
        uint c = _c;
        uint d = _d;

        a = b + BitOperations.RotateLeft(a + F(b, c, d) + x0 + 0xd76aa478u, 7);
        d = a + BitOperations.RotateLeft(d + F(a, b, c) + x1 + 0xe8c7b756u, 12);
        c = d + BitOperations.RotateLeft(c + F(d, a, b) + x2 + 0x242070dbu, 17);
        b = c + BitOperations.RotateLeft(b + F(c, d, a) + x3 + 0xc1bdceeeu, 22);
        a = b + BitOperations.RotateLeft(a + F(b, c, d) + x4 + 0xf57c0fafu, 7);
        d = a + BitOperations.RotateLeft(d + F(a, b, c) + x5 + 0x4787c62au, 12);
        c = d + BitOperations.RotateLeft(c + F(d, a, b) + x6 + 0xa8304613u, 17);
        b = c + BitOperations.RotateLeft(b + F(c, d, a) + x7 + 0xfd469501u, 22);
        a = b + BitOperations.RotateLeft(a + F(b, c, d) + x8 + 0x698098d8u, 7);
        d = a + BitOperations.RotateLeft(d + F(a, b, c) + x9 + 0x8b44f7afu, 12);
        c = d + BitOperations.RotateLeft(c + F(d, a, b) + x10 + 0xffff5bb1u, 17);
        b = c + BitOperations.RotateLeft(b + F(c, d, a) + x11 + 0x895cd7beu, 22);
        a = b + BitOperations.RotateLeft(a + F(b, c, d) + x12 + 0x6b901122u, 7);
        d = a + BitOperations.RotateLeft(d + F(a, b, c) + x13 + 0xfd987193u, 12);
        c = d + BitOperations.RotateLeft(c + F(d, a, b) + x14 + 0xa679438eu, 17);
        b = c + BitOperations.RotateLeft(b + F(c, d, a) + x15 + 0x49b40821u, 22);
        a = b + BitOperations.RotateLeft(a + G(b, c, d) + x1 + 0xf61e2562u, 5);
        d = a + BitOperations.RotateLeft(d + G(a, b, c) + x6 + 0xc040b340u, 9);
        c = d + BitOperations.RotateLeft(c + G(d, a, b) + x11 + 0x265e5a51u, 14);
        b = c + BitOperations.RotateLeft(b + G(c, d, a) + x0 + 0xe9b6c7aau, 20);
        a = b + BitOperations.RotateLeft(a + G(b, c, d) + x5 + 0xd62f105du, 5);
        d = a + BitOperations.RotateLeft(d + G(a, b, c) + x10 + 0x02441453u, 9);
        c = d + BitOperations.RotateLeft(c + G(d, a, b) + x15 + 0xd8a1e681u, 14);
        b = c + BitOperations.RotateLeft(b + G(c, d, a) + x4 + 0xe7d3fbc8u, 20);
        a = b + BitOperations.RotateLeft(a + G(b, c, d) + x9 + 0x21e1cde6u, 5);
        d = a + BitOperations.RotateLeft(d + G(a, b, c) + x14 + 0xc33707d6u, 9);
        c = d + BitOperations.RotateLeft(c + G(d, a, b) + x3 + 0xf4d50d87u, 14);
        b = c + BitOperations.RotateLeft(b + G(c, d, a) + x8 + 0x455a14edu, 20);
        a = b + BitOperations.RotateLeft(a + G(b, c, d) + x13 + 0xa9e3e905u, 5);
        d = a + BitOperations.RotateLeft(d + G(a, b, c) + x2 + 0xfcefa3f8u, 9);
        c = d + BitOperations.RotateLeft(c + G(d, a, b) + x7 + 0x676f02d9u, 14);
        b = c + BitOperations.RotateLeft(b + G(c, d, a) + x12 + 0x8d2a4c8au, 20);
        a = b + BitOperations.RotateLeft(a + H(b, c, d) + x5 + 0xfffa3942u, 4);
        d = a + BitOperations.RotateLeft(d + H(a, b, c) + x8 + 0x8771f681u, 11);
        c = d + BitOperations.RotateLeft(c + H(d, a, b) + x11 + 0x6d9d6122u, 16);
        b = c + BitOperations.RotateLeft(b + H(c, d, a) + x14 + 0xfde5380cu, 23);
        a = b + BitOperations.RotateLeft(a + H(b, c, d) + x1 + 0xa4beea44u, 4);
        d = a + BitOperations.RotateLeft(d + H(a, b, c) + x4 + 0x4bdecfa9u, 11);
        c = d + BitOperations.RotateLeft(c + H(d, a, b) + x7 + 0xf6bb4b60u, 16);
        b = c + BitOperations.RotateLeft(b + H(c, d, a) + x10 + 0xbebfbc70u, 23);
        a = b + BitOperations.RotateLeft(a + H(b, c, d) + x13 + 0x289b7ec6u, 4);
        d = a + BitOperations.RotateLeft(d + H(a, b, c) + x0 + 0xeaa127fau, 11);
        c = d + BitOperations.RotateLeft(c + H(d, a, b) + x3 + 0xd4ef3085u, 16);
        b = c + BitOperations.RotateLeft(b + H(c, d, a) + x6 + 0x04881d05u, 23);
        a = b + BitOperations.RotateLeft(a + H(b, c, d) + x9 + 0xd9d4d039u, 4);
        d = a + BitOperations.RotateLeft(d + H(a, b, c) + x12 + 0xe6db99e5u, 11);
        c = d + BitOperations.RotateLeft(c + H(d, a, b) + x15 + 0x1fa27cf8u, 16);
        b = c + BitOperations.RotateLeft(b + H(c, d, a) + x2 + 0xc4ac5665u, 23);
        a = b + BitOperations.RotateLeft(a + I(b, c, d) + x0 + 0xf4292244u, 6);
        d = a + BitOperations.RotateLeft(d + I(a, b, c) + x7 + 0x432aff97u, 10);
        c = d + BitOperations.RotateLeft(c + I(d, a, b) + x14 + 0xab9423a7u, 15);
        b = c + BitOperations.RotateLeft(b + I(c, d, a) + x5 + 0xfc93a039u, 21);
        a = b + BitOperations.RotateLeft(a + I(b, c, d) + x12 + 0x655b59c3u, 6);
        d = a + BitOperations.RotateLeft(d + I(a, b, c) + x3 + 0x8f0ccc92u, 10);
        c = d + BitOperations.RotateLeft(c + I(d, a, b) + x10 + 0xffeff47du, 15);
        b = c + BitOperations.RotateLeft(b + I(c, d, a) + x1 + 0x85845dd1u, 21);
        a = b + BitOperations.RotateLeft(a + I(b, c, d) + x8 + 0x6fa87e4fu, 6);
        d = a + BitOperations.RotateLeft(d + I(a, b, c) + x15 + 0xfe2ce6e0u, 10);
        c = d + BitOperations.RotateLeft(c + I(d, a, b) + x6 + 0xa3014314u, 15);
        b = c + BitOperations.RotateLeft(b + I(c, d, a) + x13 + 0x4e0811a1u, 21);
        a = b + BitOperations.RotateLeft(a + I(b, c, d) + x4 + 0xf7537e82u, 6);
        d = a + BitOperations.RotateLeft(d + I(a, b, c) + x11 + 0xbd3af235u, 10);
        c = d + BitOperations.RotateLeft(c + I(d, a, b) + x2 + 0x2ad7d2bbu, 15);
        b = c + BitOperations.RotateLeft(b + I(c, d, a) + x9 + 0xeb86d391u, 21);

        _a += a;
        _b += b;
        _c += c;
        _d += d;
    }

    [InlineArray(BlockLength)]
    private struct Md5Block
    {
        private byte _element;
    }
}
