namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>
/// Reads whole MQTT control packets (OASIS MQTT 3.1.1 §2.2) from a blocking stream into one buffer; every packet
/// already buffered is returned without another read, so one wake-up handles all that arrived together. The packet's
/// body stays valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class MqttPacketReader
{
    /// <summary>Bigger packets close the connection: replies are small JSON objects.</summary>
    public const int MaxPacketSize = 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _filled;
    private int _bodyStart;
    private int _bodyLength;

    public MqttPacketReader(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>
    /// The socket has a receive timeout that only bounds how long a short packet may wait unread (MqttConnection's
    /// low-water mark): a read that times out with nothing is retried, not an error.
    /// </summary>
    public bool ReadTimeoutsExpected { get; set; }

    /// <summary>The first octet of the current packet: type in the high nibble, flags in the low one.</summary>
    public byte Header { get; private set; }

    public ReadOnlySpan<byte> Body => _buffer.AsSpan(_bodyStart, _bodyLength);

    public ReadOnlyMemory<byte> BodyMemory => _buffer.AsMemory(_bodyStart, _bodyLength);

    /// <summary>Next packet; false on a clean end of stream between packets. Throws <see cref="InvalidDataException"/> on a malformed one.</summary>
    public bool Read()
    {
        _start = _bodyStart + _bodyLength;
        _bodyStart = _bodyLength = 0;
        while (true)
        {
            if (TryParse())
            {
                return true;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _filled - _start).CopyTo(_buffer);
                _filled -= _start;
                _start = 0;
            }

            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read;
            try
            {
                read = _stream.Read(_buffer.AsSpan(_filled));
            }
            catch (IOException e) when (ReadTimeoutsExpected
                                        && e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.TimedOut or System.Net.Sockets.SocketError.WouldBlock })
            {
                continue;
            }

            if (read == 0)
            {
                if (_filled == 0)
                {
                    return false;
                }

                throw new EndOfStreamException("The broker closed the connection inside a packet.");
            }

            _filled += read;
        }
    }

    private bool TryParse()
    {
        int available = _filled - _start;
        if (available < 2)
        {
            return false;
        }

        // §2.2.3: remaining length, 7 bits per octet, at most four octets.
        int length = 0;
        int multiplier = 1;
        int position = _start + 1;
        for (int i = 0; ; i++)
        {
            if (i == 4)
            {
                throw new InvalidDataException("Malformed remaining length.");
            }

            if (position >= _filled)
            {
                return false;
            }

            byte digit = _buffer[position++];
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        if (length > MaxPacketSize)
        {
            throw new InvalidDataException($"Packet of {length} octets exceeds the limit.");
        }

        if (_filled - position < length)
        {
            if (position + length > _buffer.Length && _start == 0)
            {
                Array.Resize(ref _buffer, position + length);
            }

            return false;
        }

        Header = _buffer[_start];
        _bodyStart = position;
        _bodyLength = length;
        return true;
    }
}
