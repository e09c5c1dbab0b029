using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// One UDP socket with up to 256 outstanding Identifiers (RFC 2865 §3: the Identifier is one octet) and
/// its own receive loop thread. Sends and receives use the SocketAddress overloads: no allocation per packet.
/// In closed loop the receive loop sends the next request on the Identifier it just got back.
/// </summary>
internal sealed class LoadSocket : IDisposable
{
    public const long HighestLatencyNanoseconds = 60_000_000_000;

    private readonly Socket _socket;
    private readonly SocketAddress _target;
    private readonly Slot[] _slots;
    private readonly RequestBuilder _builder;
    private readonly ReplyVerifier _verifier;
    private readonly RunControl _control;
    private readonly byte[] _free;
    private readonly Lock _freeLock = new();
    private readonly Thread _receiveThread;
    private int _freeCount;
    private int _freeHead;
    private volatile bool _closing;

    public LoadSocket(int index, IPEndPoint target, int receiveBufferBytes, int slots, RequestBuilder builder, ReplyVerifier verifier, RunControl control)
    {
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = receiveBufferBytes,
            SendBufferSize = Math.Min(receiveBufferBytes, 4 * 1024 * 1024),
            ReceiveTimeout = 250,
        };
        bool v4 = target.AddressFamily == AddressFamily.InterNetwork;
        IPAddress local = IPAddress.IsLoopback(target.Address)
            ? (v4 ? IPAddress.Loopback : IPAddress.IPv6Loopback)
            : (v4 ? IPAddress.Any : IPAddress.IPv6Any);
        _socket.Bind(new IPEndPoint(local, 0));

        _target = target.Serialize();
        _slots = new Slot[slots];
        _free = new byte[slots];
        for (int i = 0; i < slots; i++)
        {
            _slots[i] = new Slot((byte)i);
            _free[i] = (byte)i;
        }

        _freeCount = slots;
        _builder = builder;
        _verifier = verifier;
        _control = control;
        Latency = new Recorder(1, HighestLatencyNanoseconds, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"rdp-load-recv-{index}" };
    }

    /// <summary>Round-trip times in nanoseconds; one writer (the receive loop).</summary>
    public Recorder Latency { get; }

    public LoadCounters Counters { get; } = new();

    /// <summary>The receive buffer the kernel granted (Linux reports twice the usable size).</summary>
    public int GrantedReceiveBuffer => _socket.ReceiveBufferSize;

    public int InFlight
    {
        get
        {
            int count = 0;
            foreach (Slot slot in _slots)
            {
                if (Volatile.Read(ref slot.State) == Slot.InFlight)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public void Start() => _receiveThread.Start();

    /// <summary>Closed loop: put a request on every slot; each answer then sends the next.</summary>
    public void FillWindow()
    {
        for (int i = 0; i < _slots.Length && !_control.StopIssuing; i++)
        {
            Slot? slot = PopFree();
            if (slot is null)
            {
                return;
            }

            SendNewRequest(slot);
        }
    }

    /// <summary>Open loop: send one new request on a free Identifier; false when all 256 are busy.</summary>
    public bool TrySendOne()
    {
        Slot? slot = PopFree();
        if (slot is null)
        {
            Interlocked.Increment(ref Counters.Skipped);
            return false;
        }

        SendNewRequest(slot);
        return true;
    }

    /// <summary>Counts every request older than <paramref name="timeoutTicks"/> as lost (never retransmits) and reuses its slot.</summary>
    public void ScanTimeouts(long now, long timeoutTicks, bool giveUpAll = false)
    {
        foreach (Slot slot in _slots)
        {
            if (Volatile.Read(ref slot.State) == Slot.InFlight
                && (giveUpAll || now - Volatile.Read(ref slot.SentTimestamp) > timeoutTicks)
                && slot.TryTake(Slot.InFlight))
            {
                if (slot.SentTimestamp >= _control.MeasureStartTimestamp)
                {
                    Interlocked.Increment(ref Counters.Lost);
                }

                Complete(slot);
            }
        }
    }

    public void Close()
    {
        _closing = true;
        _receiveThread.Join(TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        Close();
        _socket.Dispose();
    }

    private void SendNewRequest(Slot slot)
    {
        long sequence = _control.NextSequence();
        if (sequence < 0)
        {
            Release(slot);
            return;
        }

        slot.Length = _builder.Build(slot.Buffer, slot.Identifier, sequence);
        long now = Stopwatch.GetTimestamp();
        Volatile.Write(ref slot.SentTimestamp, now);
        Volatile.Write(ref slot.State, Slot.InFlight);
        try
        {
            _socket.SendTo(slot.Buffer.AsSpan(0, slot.Length), SocketFlags.None, _target);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref Counters.SendErrors);
        }

        if (now >= _control.MeasureStartTimestamp)
        {
            Interlocked.Increment(ref Counters.Sent);
        }
    }

    /// <summary>The slot's request is answered or given up: closed loop sends the next one on it, open loop frees it.</summary>
    private void Complete(Slot slot)
    {
        slot.RememberAsPrevious();
        if (_control.ClosedLoop)
        {
            SendNewRequest(slot);
        }
        else
        {
            Release(slot);
        }
    }

    private void Release(Slot slot)
    {
        Volatile.Write(ref slot.State, Slot.Free);
        lock (_freeLock)
        {
            // FIFO: an Identifier is reused as late as possible, so a late answer still finds its request's header.
            _free[(_freeHead + _freeCount++) % _free.Length] = slot.Identifier;
        }
    }

    private Slot? PopFree()
    {
        lock (_freeLock)
        {
            while (_freeCount > 0)
            {
                Slot slot = _slots[_free[_freeHead]];
                _freeHead = (_freeHead + 1) % _free.Length;
                _freeCount--;
                if (slot.TryTake(Slot.Free))
                {
                    return slot;
                }
            }
        }

        return null;
    }

    private void ReceiveLoop()
    {
        byte[] buffer = GC.AllocateArray<byte>(4096, pinned: true);
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_closing)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            OnDatagram(buffer.AsSpan(0, received), now);
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, long now)
    {
        if (datagram.Length < 20 || datagram[1] >= _slots.Length)
        {
            Interlocked.Increment(ref Counters.Invalid);
            return;
        }

        Slot slot = _slots[datagram[1]];
        if (!slot.TryTake(Slot.InFlight))
        {
            CountStray(slot, datagram);
            return;
        }

        ReplyOutcome outcome = _verifier.Verify(datagram, slot.Buffer.AsSpan(0, slot.Length), out uint cause, out bool zeroedMa);
        if (outcome == ReplyOutcome.Invalid)
        {
            // Not the answer to the outstanding request: maybe a late answer to the one before it.
            Volatile.Write(ref slot.State, Slot.InFlight);
            CountStray(slot, datagram);
            return;
        }

        bool measured = slot.SentTimestamp >= _control.MeasureStartTimestamp;
        if (measured)
        {
            long nanoseconds = Math.Min(RunControl.ToNanoseconds(now - slot.SentTimestamp), HighestLatencyNanoseconds);
            Latency.RecordValue(Math.Max(1, nanoseconds));
            if (outcome == ReplyOutcome.Ack)
            {
                Interlocked.Increment(ref Counters.Ack);
            }
            else
            {
                Interlocked.Increment(ref Counters.Nak);
                Interlocked.Increment(ref Counters.NakByCause[(int)Math.Min(cause, LoadCounters.MaxErrorCause)]);
            }

            if (zeroedMa)
            {
                Interlocked.Increment(ref Counters.ZeroedMessageAuthenticator);
            }

            if (HasMessageAuthenticator(datagram))
            {
                Interlocked.Increment(ref Counters.WithMessageAuthenticator);
            }
        }

        Complete(slot);
    }

    private void CountStray(Slot slot, ReadOnlySpan<byte> datagram)
    {
        bool late = _verifier.Verify(datagram, slot.PreviousHeader, out _, out _) != ReplyOutcome.Invalid;
        Interlocked.Increment(ref late ? ref Counters.Late : ref Counters.Invalid);
    }

    private static bool HasMessageAuthenticator(ReadOnlySpan<byte> datagram)
    {
        int offset = 20;
        while (offset + 2 <= datagram.Length)
        {
            if (datagram[offset] == 80)
            {
                return true;
            }

            int length = datagram[offset + 1];
            if (length < 2)
            {
                return false;
            }

            offset += length;
        }

        return false;
    }
}
