using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>
/// One MQTT 3.1.1 client session with the broker (OASIS MQTT 3.1.1): CONNECT with a clean session, one subscription,
/// QoS 1 publishes, PUBACKs for what the broker delivers, PINGREQ when idle. Made for the request path's cost
/// (docs/load-testing.md, "Slow paths"): a publish is written from the caller's thread at once (blocking socket,
/// a lock, no sender queue); a dedicated thread blocks in <c>read(2)</c> and handles every packet that arrived in one
/// wake-up, completing PUBACK waits and delivering replies on that thread, with no thread-pool hop; one timer, every
/// half keep-alive period, for the keep-alive.
/// </summary>
internal sealed class MqttConnection : IDisposable
{
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bytes that must be waiting before the reader wakes: more than a PUBACK (4), PINGRESP (2) or SUBACK (5), less than
    /// any reply (fixed header, the 26-octet response topic, packet id and a JSON object of at least 40 octets).
    /// </summary>
    private const int ReplyLowWater = 64;

    /// <summary>How long a PUBACK or PINGRESP with nothing after it may wait unread (idle, one wake-up every two seconds: the idle target allows at most one a second).</summary>
    private static readonly TimeSpan s_lingerTimeout = TimeSpan.FromSeconds(2);

    private readonly MqttConnectionSettings _settings;
    private readonly byte[] _responseTopic;
    private readonly Stream _stream;
    private readonly MqttPacketReader _reader;
    private readonly MqttPacketWriter _writer = new();
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<ushort, PublishWait> _publishes = new();
    private readonly Action<string, ReadOnlyMemory<byte>> _onMessage;
    private readonly Action<MqttConnection, string> _onClosed;
    private Timer? _keepAlive;
    private int _nextPacketId;
    private long _lastSent;
    private long _lastReceived;
    private int _closed;

    private MqttConnection(MqttConnectionSettings settings, Stream stream, Action<string, ReadOnlyMemory<byte>> onMessage, Action<MqttConnection, string> onClosed)
    {
        _settings = settings;
        _responseTopic = Encoding.UTF8.GetBytes(settings.ResponseTopic);
        _stream = stream;
        _reader = new MqttPacketReader(stream);
        _onMessage = onMessage;
        _onClosed = onClosed;
    }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>
    /// Connects (TLS when configured), logs in and subscribes, then hands the connection to its reader thread.
    /// <paramref name="onMessage"/> gets each delivered message (topic, payload valid only during the call) on that
    /// thread; <paramref name="onClosed"/> is called once when the connection ends for any reason. Failures throw
    /// <see cref="MqttConnectException"/>; the token (or the connect timeout) aborts the attempt.
    /// </summary>
    public static Task<MqttConnection> OpenAsync(MqttConnectionSettings settings, Action<string, ReadOnlyMemory<byte>> onMessage,
        Action<MqttConnection, string> onClosed, CancellationToken cancellationToken)
    {
        var opened = new TaskCompletionSource<MqttConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(static state =>
        {
            var (settings, onMessage, onClosed, cancellationToken, opened) =
                ((MqttConnectionSettings, Action<string, ReadOnlyMemory<byte>>, Action<MqttConnection, string>, CancellationToken, TaskCompletionSource<MqttConnection>))state!;
            MqttConnection connection;
            try
            {
                connection = Open(settings, onMessage, onClosed, cancellationToken);
            }
            catch (Exception e)
            {
                opened.TrySetException(e);
                return;
            }

            opened.TrySetResult(connection);
            connection.ReadLoop();
        })
        {
            IsBackground = true,
            Name = "rdp-mqtt",
        };
        thread.UnsafeStart((settings, onMessage, onClosed, cancellationToken, opened));
        return opened.Task;
    }

    /// <summary>
    /// Publishes at QoS 1; true once the broker's PUBACK arrives, false when the connection is or goes down or the
    /// token ends the wait first. The payload is copied before this returns.
    /// </summary>
    public Task<bool> PublishAsync(string topic, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return Task.FromResult(false);
        }

        // Completed on the reader thread, which then runs the caller's continuation itself.
        var acknowledged = new PublishWait(this);
        ushort id = NextPacketId(acknowledged);
        acknowledged.PacketId = id;
        try
        {
            lock (_writeLock)
            {
                _writer.PublishAtLeastOnce(id, topic, payload);
                Send();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            _publishes.TryRemove(id, out _);
            Close("send failed: " + e.Message);
            return Task.FromResult(false);
        }

        if (cancellationToken.CanBeCanceled && !acknowledged.Task.IsCompleted)
        {
            acknowledged.CancelWith(cancellationToken);
        }

        return acknowledged.Task;
    }

    /// <summary>Sends DISCONNECT (§3.14) when still open, then closes.</summary>
    public void Disconnect()
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            lock (_writeLock)
            {
                _writer.Disconnect();
                Send();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Closing anyway.
        }

        Close("disconnected by the proxy");
    }

    public void Dispose() => Close("disposed");

    private static MqttConnection Open(MqttConnectionSettings settings, Action<string, ReadOnlyMemory<byte>> onMessage, Action<MqttConnection, string> onClosed,
        CancellationToken cancellationToken)
    {
        // Blocking calls only: a .NET socket that saw one asynchronous operation stays non-blocking, and its
        // synchronous reads then wait on the epoll thread, one more wake-up per packet. The timeout closes the socket.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.Timeout);
        Stream? stream = null;
        using CancellationTokenRegistration abort = attempt.Token.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket);
        try
        {
            socket.Connect(settings.Server, settings.Port);
            // Set after connecting (Linux applies it to connect(2) too). A publish is written from the request's thread
            // (the RADIUS listener's, often): a broker that stops reading with the socket buffer full must not hold
            // that thread long. After a second the connection counts as lost (requests then get NAK 506 at once and
            // the transport reconnects), as when the broker is down.
            socket.SendTimeout = (int)Math.Min(settings.Timeout.TotalMilliseconds, s_sendTimeout.TotalMilliseconds);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (settings.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                tls.AuthenticateAsClient(settings.Server);
            }

            var connection = new MqttConnection(settings, stream, onMessage, onClosed);
            connection.Handshake();
            abort.Dispose();
            if (attempt.IsCancellationRequested)
            {
                throw new OperationCanceledException(attempt.Token);
            }

            if (!settings.Tls)
            {
                WakeOnRepliesOnly(socket, connection._reader);
            }

            connection.StartKeepAlive();
            return connection;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException
                                      or EndOfStreamException or InvalidDataException or OperationCanceledException)
        {
            if (stream is null)
            {
                socket.Dispose();
            }
            else
            {
                stream.Dispose();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (attempt.IsCancellationRequested)
            {
                throw new MqttConnectException("connect timed out", e);
            }

            throw new MqttConnectException(e is SocketException s ? "SocketException: " + s.SocketErrorCode : e.GetType().Name + ": " + e.Message, e);
        }
        catch (MqttConnectException)
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The reader thread is woken only once a reply's worth of bytes is waiting (<c>SO_RCVLOWAT</c>, socket(7)), not for
    /// every PUBACK on its own: a node's reply (a PUBLISH on the response topic, always longer than
    /// <see cref="ReplyLowWater"/>) follows each PUBACK within milliseconds under load, and one wake-up then handles both
    /// (docs/load-testing.md, "Slow-path allocation"; a wake-up costs more CPU here than the rest of the request). A
    /// PUBACK or PINGRESP with nothing after it is read when the receive timeout (<see cref="s_lingerTimeout"/>) ends
    /// the wait: the request waiting on it also waits for its node's reply (or the reply timeout), and the keep-alive
    /// allows 1.5 periods. Plain TCP only: a TLS stream cannot resume a read that timed out, and its records hide the
    /// packet sizes. Where the option is refused, every packet wakes the reader as before.
    /// </summary>
    private static void WakeOnRepliesOnly(Socket socket, MqttPacketReader reader)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, ReplyLowWater);
            socket.ReceiveTimeout = (int)s_lingerTimeout.TotalMilliseconds;
            reader.ReadTimeoutsExpected = true;
        }
        catch (SocketException)
        {
            socket.ReceiveTimeout = 0;
            reader.ReadTimeoutsExpected = false;
        }
    }

    /// <summary>CONNECT → CONNACK (§3.2), SUBSCRIBE → SUBACK (§3.9), before the reader thread takes over.</summary>
    private void Handshake()
    {
        try
        {
            _writer.Connect(_settings.ClientId, _settings.Username, _settings.Password, (ushort)_settings.KeepAlive.TotalSeconds);
            Send();
        }
        finally
        {
            _writer.Clear(); // the password does not stay in the buffer
        }

        ReadExpected(0x20, "CONNACK");
        if (_reader.Body.Length < 2)
        {
            throw new InvalidDataException("short CONNACK");
        }

        if (_reader.Body[1] != 0)
        {
            throw new MqttConnectException(ConnectReturnCodeName(_reader.Body[1]));
        }

        ushort subscribeId = NextPacketId(null);
        _writer.Subscribe(subscribeId, _settings.ResponseTopic, 1);
        Send();
        ReadExpected(0x90, "SUBACK");
        ReadOnlySpan<byte> suback = _reader.Body;
        if (suback.Length < 3 || BinaryPrimitives.ReadUInt16BigEndian(suback) != subscribeId)
        {
            throw new InvalidDataException("unexpected SUBACK");
        }

        if (suback[2] > 2)
        {
            throw new MqttConnectException($"subscription to {_settings.ResponseTopic} refused: 0x{suback[2]:x2}");
        }
    }

    private void ReadExpected(byte type, string name)
    {
        if (!_reader.Read())
        {
            throw new EndOfStreamException($"the broker closed the connection before its {name}");
        }

        if ((_reader.Header & 0xF0) != type)
        {
            throw new InvalidDataException($"expected {name}, got packet type {_reader.Header >> 4}");
        }

        Volatile.Write(ref _lastReceived, Environment.TickCount64);
    }

    /// <summary>MQTT 3.1.1 §3.2.2.3 return codes, named as operators read them in logs.</summary>
    private static string ConnectReturnCodeName(byte code) => code switch
    {
        1 => "UnsupportedProtocolVersion",
        2 => "ClientIdentifierNotValid",
        3 => "ServerUnavailable",
        4 => "BadUserNameOrPassword",
        5 => "NotAuthorized",
        _ => "refused (0x" + code.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ")",
    };

    private void ReadLoop()
    {
        string reason = "closed by the broker";
        try
        {
            while (_reader.Read())
            {
                Volatile.Write(ref _lastReceived, Environment.TickCount64);
                Handle(_reader.Header, _reader.BodyMemory);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or EndOfStreamException or InvalidDataException)
        {
            reason = e is InvalidDataException ? "protocol error: " + e.Message : e.GetType().Name + ": " + e.Message;
        }
#pragma warning disable CA1031 // The reader thread must never take the process down: anything else ends this connection only.
        catch (Exception e)
#pragma warning restore CA1031
        {
            reason = "internal error: " + e.GetType().Name;
        }

        Close(reason);
    }

    private void Handle(byte header, ReadOnlyMemory<byte> body)
    {
        switch (header >> 4)
        {
            case 3: // PUBLISH (§3.3)
                ReadOnlySpan<byte> span = body.Span;
                if (span.Length < 2)
                {
                    throw new InvalidDataException("short PUBLISH");
                }

                int topicLength = BinaryPrimitives.ReadUInt16BigEndian(span);
                int qos = (header >> 1) & 0x03;
                int payloadStart = 2 + topicLength + (qos > 0 ? 2 : 0);
                if (qos == 3 || payloadStart > span.Length)
                {
                    throw new InvalidDataException("malformed PUBLISH");
                }

                if (qos > 0)
                {
                    // §4.3.2: acknowledge at once; QoS 2 is never granted (we subscribe at QoS 1), treated alike.
                    ushort id = BinaryPrimitives.ReadUInt16BigEndian(span[(2 + topicLength)..]);
                    lock (_writeLock)
                    {
                        _writer.PubAck(id);
                        Send();
                    }
                }

                // Replies all come on the one subscribed topic: its string is made once per connection, not per message.
                ReadOnlySpan<byte> topicBytes = span.Slice(2, topicLength);
                string topic = topicBytes.SequenceEqual(_responseTopic) ? _settings.ResponseTopic : Encoding.UTF8.GetString(topicBytes);
                _onMessage(topic, body[payloadStart..]);
                break;
            case 4: // PUBACK (§3.4)
                if (body.Length >= 2 && _publishes.TryRemove(BinaryPrimitives.ReadUInt16BigEndian(body.Span), out PublishWait? waiting))
                {
                    waiting.Complete(true);
                }

                break;
            case 13: // PINGRESP
            case 9: // SUBACK of a subscription made at connect (duplicates are harmless)
                break;
            default:
                throw new InvalidDataException($"unexpected packet type {header >> 4}");
        }
    }

    /// <summary>Takes <paramref name="wait"/> out of the publishes in flight if it is still there (its token was cancelled).</summary>
    internal bool TryTakePublish(ushort id, PublishWait wait) =>
        _publishes.TryRemove(new KeyValuePair<ushort, PublishWait>(id, wait));

    private ushort NextPacketId(PublishWait? waiter)
    {
        // §2.3.1: non-zero, not in use by another unacknowledged publish.
        while (true)
        {
            ushort id = (ushort)(Interlocked.Increment(ref _nextPacketId) % 65535 + 1);
            if (waiter is null || _publishes.TryAdd(id, waiter))
            {
                return id;
            }
        }
    }

    /// <summary>Writes what the writer holds; the caller holds <see cref="_writeLock"/> (or is the only user, at connect).</summary>
    private void Send()
    {
        _stream.Write(_writer.Written);
        _stream.Flush();
        Volatile.Write(ref _lastSent, Environment.TickCount64);
    }

    /// <summary>
    /// §3.1.2.10: a control packet at least once per keep-alive period; checked every half period (the only timer of
    /// the connection, 0.13 wake-ups a second at the proxy's 15 s). No packet from the broker for 1.5 periods (§3.1.2.10:
    /// it would have closed us) means the link is dead.
    /// </summary>
    private void StartKeepAlive()
    {
        long now = Environment.TickCount64;
        _lastSent = _lastReceived = now;
        TimeSpan period = _settings.KeepAlive / 2;
        _keepAlive = new Timer(static state => ((MqttConnection)state!).KeepAlive(), this, period, period);
    }

    private void KeepAlive()
    {
        long now = Environment.TickCount64;
        long keepAlive = (long)_settings.KeepAlive.TotalMilliseconds;
        if (now - Volatile.Read(ref _lastReceived) > keepAlive * 3 / 2)
        {
            Close("no packet from the broker for 1.5 keep-alive periods");
            return;
        }

        if (now - Volatile.Read(ref _lastSent) >= keepAlive / 2)
        {
            try
            {
                lock (_writeLock)
                {
                    _writer.PingRequest();
                    Send();
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                Close("send failed: " + e.Message);
            }
        }
    }

    /// <summary>Ends the connection once: the socket closes (ending the reader), waiting publishes get false.</summary>
    private void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _keepAlive?.Dispose();
        _stream.Dispose();
        foreach (KeyValuePair<ushort, PublishWait> entry in _publishes)
        {
            if (_publishes.TryRemove(entry.Key, out PublishWait? waiting))
            {
                waiting.Complete(false);
            }
        }

        _onClosed(this, reason);
    }
}
