using System.Buffers.Binary;
using System.Text;

namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>
/// Builds the few MQTT 3.1.1 control packets the proxy's client sends (OASIS MQTT 3.1.1 §2, §3) into a reused buffer.
/// Not thread-safe: the connection builds under its write lock.
/// </summary>
internal sealed class MqttPacketWriter
{
    private byte[] _buffer = new byte[1024];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>CONNECT (§3.1): protocol "MQTT" level 4, clean session, keep alive, client id, optional username/password.</summary>
    public void Connect(string clientId, string? username, string? password, ushort keepAliveSeconds)
    {
        int body = 10 + Utf8Size(clientId) + (username is null ? 0 : Utf8Size(username)) + (password is null || username is null ? 0 : Utf8Size(password));
        Begin(0x10, body);
        PutString("MQTT");
        Put(4); // protocol level 3.1.1
        byte flags = 0x02; // clean session
        if (username is not null)
        {
            flags |= 0x80;
            if (password is not null)
            {
                flags |= 0x40; // §3.1.2.9: a password only with a user name
            }
        }

        Put(flags);
        PutUInt16(keepAliveSeconds);
        PutString(clientId);
        if (username is not null)
        {
            PutString(username);
            if (password is not null)
            {
                PutString(password);
            }
        }
    }

    /// <summary>SUBSCRIBE (§3.8): one topic filter at the requested QoS.</summary>
    public void Subscribe(ushort packetId, string topicFilter, byte qos)
    {
        Begin(0x82, 2 + Utf8Size(topicFilter) + 1);
        PutUInt16(packetId);
        PutString(topicFilter);
        Put(qos);
    }

    /// <summary>PUBLISH (§3.3) at QoS 1, not retained.</summary>
    public void PublishAtLeastOnce(ushort packetId, string topic, ReadOnlySpan<byte> payload)
    {
        Begin(0x32, Utf8Size(topic) + 2 + payload.Length);
        PutString(topic);
        PutUInt16(packetId);
        payload.CopyTo(Reserve(payload.Length));
    }

    /// <summary>PUBACK (§3.4) for a QoS 1 PUBLISH the broker delivered.</summary>
    public void PubAck(ushort packetId)
    {
        Begin(0x40, 2);
        PutUInt16(packetId);
    }

    public void PingRequest() => Begin(0xC0, 0);

    public void Disconnect() => Begin(0xE0, 0);

    /// <summary>Clears the buffer (the CONNECT carries the password).</summary>
    public void Clear()
    {
        _buffer.AsSpan(0, _length).Clear();
        _length = 0;
    }

    private static int Utf8Size(string text) => 2 + Encoding.UTF8.GetByteCount(text);

    /// <summary>Fixed header (§2.2): type and flags, then the remaining length in 1–4 octets of 7 bits (§2.2.3).</summary>
    private void Begin(byte typeAndFlags, int remainingLength)
    {
        if (remainingLength > 268_435_455)
        {
            throw new ArgumentOutOfRangeException(nameof(remainingLength), "MQTT packet too large");
        }

        _length = 0;
        Put(typeAndFlags);
        int value = remainingLength;
        do
        {
            byte digit = (byte)(value % 128);
            value /= 128;
            Put(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);

        EnsureCapacity(_length + remainingLength);
    }

    private void PutString(string text)
    {
        int size = Encoding.UTF8.GetByteCount(text);
        PutUInt16((ushort)size);
        Encoding.UTF8.GetBytes(text, Reserve(size));
    }

    private void PutUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    private void Put(byte value) => Reserve(1)[0] = value;

    private Span<byte> Reserve(int size)
    {
        EnsureCapacity(_length + size);
        Span<byte> span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private void EnsureCapacity(int size)
    {
        if (size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length * 2));
        }
    }
}
