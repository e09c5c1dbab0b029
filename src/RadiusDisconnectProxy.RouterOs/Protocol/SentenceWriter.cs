using System.Buffers;
using System.Text;

namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>
/// Encodes sentences into one pooled, growable buffer: each word is written as UTF-8 straight from its parts
/// (no concatenated string), then the zero-length word ends the sentence. Reuse one instance per connection.
/// </summary>
public sealed class SentenceWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public SentenceWriter(int initialCapacity = 512)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>The encoded bytes so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    /// <summary>Appends one word made of up to three parts, e.g. ("=", "name", "=alice") without joining them.</summary>
    public void AppendWord(ReadOnlySpan<char> part1, ReadOnlySpan<char> part2 = default, ReadOnlySpan<char> part3 = default,
        ReadOnlySpan<char> part4 = default)
    {
        int byteCount = Encoding.UTF8.GetByteCount(part1) + Encoding.UTF8.GetByteCount(part2)
            + Encoding.UTF8.GetByteCount(part3) + Encoding.UTF8.GetByteCount(part4);
        Span<byte> target = Reserve(WordLength.MaxPrefixSize + byteCount);
        int written = WordLength.Encode(target, byteCount);
        written += Encoding.UTF8.GetBytes(part1, target[written..]);
        written += Encoding.UTF8.GetBytes(part2, target[written..]);
        written += Encoding.UTF8.GetBytes(part3, target[written..]);
        written += Encoding.UTF8.GetBytes(part4, target[written..]);
        _length += written;
    }

    /// <summary>Appends a word given as raw bytes.</summary>
    public void AppendWord(ReadOnlySpan<byte> word)
    {
        Span<byte> target = Reserve(WordLength.MaxPrefixSize + word.Length);
        int written = WordLength.Encode(target, word.Length);
        word.CopyTo(target[written..]);
        _length += written + word.Length;
    }

    /// <summary>Ends the sentence with the zero-length word.</summary>
    public void EndSentence()
    {
        Reserve(1)[0] = 0;
        _length++;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int size)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_buffer.Length - _length < size)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }
}
