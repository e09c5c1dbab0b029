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
    private int _start; // first byte not yet consumed
    private int _sentenceEnd; // end of the current sentence, consumed on the next read
    private int _filled;
    private long _bytesReceived;

    public SentenceReader(Stream stream, int maxSentenceSize = 16 * 1024 * 1024)
    {
        _stream = stream;
        _maxSentenceSize = maxSentenceSize;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
        _words = ArrayPool<int>.Shared.Rent(64);
    }

    public int WordCount => _wordCount;

    /// <summary>Bytes read from the stream so far (also partial sentences).</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public ReadOnlySpan<byte> GetWord(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_wordCount, nameof(index));
        return _buffer.AsSpan(_words[2 * index], _words[(2 * index) + 1]);
    }

    /// <summary>
    /// Reads the next non-empty sentence. False on a clean end of stream between sentences; throws
    /// <see cref="EndOfStreamException"/> for an end inside a sentence and <see cref="InvalidDataException"/> for a
    /// control byte or a sentence above the size limit. A sentence already buffered is returned synchronously.
    /// </summary>
    public ValueTask<bool> ReadSentenceAsync(CancellationToken cancellationToken)
        => TryParseBuffered() ? new ValueTask<bool>(true) : ReadMoreAsync(cancellationToken);

    /// <summary>
    /// <see cref="ReadSentenceAsync"/> with a blocking <see cref="Stream.Read(Span{byte})"/>, for a caller that owns its
    /// thread (the login on the connection's opening thread).
    /// </summary>
    public bool ReadSentence()
    {
        if (TryParseBuffered())
        {
            return true;
        }

        while (true)
        {
            PrepareForRead();
            int read = _stream.Read(_buffer.AsSpan(_filled));
            if (Received(read, out bool result))
            {
                return result;
            }
        }
    }

    /// <summary>
    /// For a caller that reads the socket itself (the reply loop's non-blocking <c>recv</c>): the free space to read into,
    /// after the buffer was compacted or grown as <see cref="ReadSentence"/> would. Then <see cref="Commit"/>, then
    /// <see cref="TryReadSentence"/> until false.
    /// </summary>
    public Span<byte> GetReceiveSpace()
    {
        PrepareForRead();
        return _buffer.AsSpan(_filled);
    }

    /// <summary>Takes <paramref name="read"/> (&gt; 0) bytes written into <see cref="GetReceiveSpace"/>.</summary>
    public void Commit(int read)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(read);
        _filled += read;
        Interlocked.Add(ref _bytesReceived, read);
    }

    /// <summary>The next complete non-empty sentence among the bytes committed; false when none is complete yet.</summary>
    public bool TryReadSentence() => TryParseBuffered();

    /// <summary>
    /// At the end of the stream: false when it ended between sentences (clean), else throws <see cref="EndOfStreamException"/>
    /// as <see cref="ReadSentence"/> does for an end inside a sentence.
    /// </summary>
    public bool EndOfStream() => Received(0, out bool result) && result;

    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            PrepareForRead();
            int read = await _stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken);
            if (Received(read, out bool result))
            {
                return result;
            }
        }
    }

    /// <summary>Makes room for more bytes: compacts (only when more are needed, not per sentence) or grows the buffer.</summary>
    private void PrepareForRead()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _filled - _start).CopyTo(_buffer);
            _filled -= _start;
            _start = 0;
        }

        if (_filled == _buffer.Length)
        {
            if (_buffer.Length >= _maxSentenceSize + WordLength.MaxPrefixSize)
            {
                throw new InvalidDataException("Sentence exceeds the size limit.");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxSentenceSize + WordLength.MaxPrefixSize));
            _buffer.AsSpan(0, _filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    /// <summary>Takes <paramref name="read"/> new bytes; true when the read is over (<paramref name="result"/>: a sentence, or a clean end).</summary>
    private bool Received(int read, out bool result)
    {
        if (read == 0)
        {
            if (_filled == 0)
            {
                result = false;
                return true;
            }

            throw new EndOfStreamException("The connection closed inside a sentence.");
        }

        _filled += read;
        Interlocked.Add(ref _bytesReceived, read);
        result = TryParseBuffered();
        return result;
    }

    /// <summary>Finds the next complete non-empty sentence in the buffer, skipping empty ones; false when incomplete.</summary>
    private bool TryParseBuffered()
    {
        Consume();
        while (true)
        {
            _wordCount = 0;
            int position = _start;
            while (true)
            {
                OperationStatus status = WordLength.TryDecode(_buffer.AsSpan(position, _filled - position), out int length, out int consumed);
                if (status == OperationStatus.InvalidData)
                {
                    throw new InvalidDataException($"Reserved control byte 0x{_buffer[position]:X2} in a word length.");
                }

                if (status == OperationStatus.NeedMoreData || (long)position + consumed + length > _filled)
                {
                    if ((long)position - _start + consumed + length > _maxSentenceSize)
                    {
                        throw new InvalidDataException("Sentence exceeds the size limit.");
                    }

                    _wordCount = 0;
                    return false;
                }

                if (length == 0)
                {
                    _sentenceEnd = position + consumed;
                    break;
                }

                AddWord(position + consumed, length);
                position += consumed + length;
            }

            if (_wordCount > 0)
            {
                return true;
            }

            Consume(); // an empty sentence is ignored (API manual)
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
            _start = _sentenceEnd;
            _sentenceEnd = 0;
            if (_start == _filled)
            {
                _start = _filled = 0;
            }
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
}
