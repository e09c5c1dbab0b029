using System.Buffers;

namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>
/// Reads whole sentences from a stream into one pooled buffer and exposes the words as spans until the next read,
/// so decoding allocates nothing per word; callers turn only the words they keep into strings.
/// An empty sentence (a lone zero word) is skipped, as the router does (API manual).
/// </summary>
public sealed class SentenceReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxSentenceSize;
    private byte[] _buffer;
    private int[] _words; // pairs of (offset, length) into _buffer for the current sentence
    private int _wordCount;
    private int _sentenceEnd; // bytes of the current sentence, consumed on the next read
    private int _filled;

    public SentenceReader(Stream stream, int maxSentenceSize = 16 * 1024 * 1024)
    {
        _stream = stream;
        _maxSentenceSize = maxSentenceSize;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
        _words = ArrayPool<int>.Shared.Rent(64);
    }

    public int WordCount => _wordCount;

    public ReadOnlySpan<byte> GetWord(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_wordCount, nameof(index));
        return _buffer.AsSpan(_words[2 * index], _words[(2 * index) + 1]);
    }

    /// <summary>
    /// Reads the next non-empty sentence. False on a clean end of stream between sentences; throws
    /// <see cref="EndOfStreamException"/> for an end inside a sentence and <see cref="InvalidDataException"/> for a
    /// control byte or a sentence above the size limit.
    /// </summary>
    public async ValueTask<bool> ReadSentenceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Consume();
            _wordCount = 0;
            int position = 0;
            while (true)
            {
                int length;
                int consumed;
                while (true)
                {
                    OperationStatus status = WordLength.TryDecode(_buffer.AsSpan(position, _filled - position), out length, out consumed);
                    if (status == OperationStatus.Done)
                    {
                        break;
                    }

                    if (status == OperationStatus.InvalidData)
                    {
                        throw new InvalidDataException($"Reserved control byte 0x{_buffer[position]:X2} in a word length.");
                    }

                    if (!await FillAsync(position + 1, position == 0, cancellationToken))
                    {
                        return false;
                    }
                }

                if (length == 0)
                {
                    _sentenceEnd = position + consumed;
                    break;
                }

                if ((long)position + consumed + length > _maxSentenceSize)
                {
                    throw new InvalidDataException("Sentence exceeds the size limit.");
                }

                int end = position + consumed + length;
                while (_filled < end)
                {
                    await FillAsync(end, false, cancellationToken);
                }

                AddWord(position + consumed, length);
                position = end;
            }

            if (_wordCount > 0)
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<int>.Shared.Return(_words);
            _buffer = [];
            _words = [];
        }
    }

    private void Consume()
    {
        if (_sentenceEnd > 0)
        {
            _buffer.AsSpan(_sentenceEnd, _filled - _sentenceEnd).CopyTo(_buffer);
            _filled -= _sentenceEnd;
            _sentenceEnd = 0;
        }
    }

    private void AddWord(int offset, int length)
    {
        if ((2 * _wordCount) + 2 > _words.Length)
        {
            int[] larger = ArrayPool<int>.Shared.Rent(_words.Length * 2);
            _words.AsSpan(0, 2 * _wordCount).CopyTo(larger);
            ArrayPool<int>.Shared.Return(_words);
            _words = larger;
        }

        _words[2 * _wordCount] = offset;
        _words[(2 * _wordCount) + 1] = length;
        _wordCount++;
    }

    /// <summary>Reads more bytes until at least <paramref name="needed"/> are buffered. False only for a clean end.</summary>
    private async ValueTask<bool> FillAsync(int needed, bool cleanEndAllowed, CancellationToken cancellationToken)
    {
        if (needed > _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        while (_filled < needed)
        {
            int read = await _stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken);
            if (read == 0)
            {
                if (cleanEndAllowed && _filled == 0 && _wordCount == 0)
                {
                    return false;
                }

                throw new EndOfStreamException("The connection closed inside a sentence.");
            }

            _filled += read;
        }

        return true;
    }
}
