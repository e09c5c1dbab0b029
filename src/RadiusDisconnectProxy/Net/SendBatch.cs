using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RadiusDisconnectProxy.Net;

/// <summary>Told when a datagram queued in a <see cref="SendBatch"/> could not be sent.</summary>
internal interface ISendErrorSink
{
    void OnSendError(SocketError error);
}

/// <summary>
/// The send side of one receive-loop thread. While the thread handles the datagrams of one <see cref="ReceiveBatch"/>,
/// every datagram it sends through <see cref="Send"/> (answers to clients, requests to NASes) is copied here and leaves at
/// the end of the batch in one <c>sendmmsg</c> per socket, instead of one <c>sendto</c> each. Any other thread (timers,
/// the thread pool) sends at once. Order per socket is kept. Allocates nothing per datagram.
/// </summary>
internal sealed class SendBatch
{
    [ThreadStatic]
    private static SendBatch? t_current;

    // Batches between Begin and the end of their Flush, process-wide: a datagram queued in one has not left yet.
    private static int s_open;

    private readonly byte[] _data;
    private readonly byte[] _names;
    private readonly byte[] _iovecs;
    private readonly byte[] _headers;
    private readonly IntPtr _dataAddress;
    private readonly IntPtr _namesAddress;
    private readonly IntPtr _iovecsAddress;
    private readonly IntPtr _headersAddress;
    private readonly int _slotSize;
    private readonly Socket?[] _sockets;
    private readonly ISendErrorSink?[] _sinks;
    private readonly int[] _lengths;
    private readonly int[] _nameLengths;
    private readonly bool[] _sent;
    private readonly int[] _order;
    private int _count;
    private bool _open;

    public SendBatch(int capacity, int slotSize)
    {
        Capacity = capacity;
        _slotSize = slotSize;
        _data = GC.AllocateUninitializedArray<byte>(capacity * slotSize, pinned: true);
        _names = GC.AllocateArray<byte>(capacity * MultiMessage.NameCapacity, pinned: true);
        _iovecs = GC.AllocateArray<byte>(capacity * MultiMessage.IovecSize, pinned: true);
        _headers = GC.AllocateArray<byte>(capacity * MultiMessage.HeaderSize, pinned: true);
        _dataAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        _namesAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_names, 0);
        _iovecsAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_iovecs, 0);
        _headersAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0);
        _sockets = new Socket?[capacity];
        _sinks = new ISendErrorSink?[capacity];
        _lengths = new int[capacity];
        _nameLengths = new int[capacity];
        _sent = new bool[capacity];
        _order = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>Makes this the calling thread's batch until <see cref="Flush"/>: sends through <see cref="Send"/> wait for it.</summary>
    public void Begin()
    {
        if (MultiMessage.IsSupported)
        {
            if (!_open)
            {
                _open = true;
                Interlocked.Increment(ref s_open);
            }

            t_current = this;
        }
    }

    /// <summary>
    /// Sends <paramref name="datagram"/> on <paramref name="socket"/> (to <paramref name="destination"/>, or to the peer of a
    /// connected socket when null): queued when the calling thread is inside a batch, otherwise at once. Errors of a
    /// queued datagram reach <paramref name="sink"/> at the flush; an immediate send throws as <see cref="Socket"/> does.
    /// Returns true when it was queued.
    /// </summary>
    public static bool Send(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress? destination, ISendErrorSink sink)
    {
        SendBatch? batch = t_current;
        if (batch is not null && datagram.Length <= batch._slotSize
            && (destination is null || destination.Size <= MultiMessage.NameCapacity))
        {
            if (batch._count == batch.Capacity)
            {
                batch.SendQueued();
            }

            batch.Add(socket, datagram, destination, sink);
            return true;
        }

        if (destination is null)
        {
            socket.Send(datagram, SocketFlags.None);
        }
        else
        {
            socket.SendTo(datagram, SocketFlags.None, destination);
        }

        return false;
    }

    /// <summary>Sends everything queued and ends the batch on this thread.</summary>
    public void Flush()
    {
        t_current = null;
        try
        {
            SendQueued();
        }
        finally
        {
            if (_open)
            {
                _open = false;
                Interlocked.Decrement(ref s_open);
            }
        }
    }

    /// <summary>
    /// Completes once no thread is inside a batch, or after <paramref name="limit"/>: every datagram queued before the call
    /// has then left. On shutdown, after the last answer was queued (by the I/O thread or, in the fallback mode, by an
    /// upstream socket's receive thread) and before the sockets close. Polls every millisecond; only used while stopping.
    /// </summary>
    public static async Task WhenFlushedAsync(TimeSpan limit)
    {
        long end = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (Volatile.Read(ref s_open) > 0 && Environment.TickCount64 < end)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private void Add(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress? destination, ISendErrorSink sink)
    {
        int i = _count++;
        datagram.CopyTo(_data.AsSpan(i * _slotSize, _slotSize));
        _lengths[i] = datagram.Length;
        _sockets[i] = socket;
        _sinks[i] = sink;
        _sent[i] = false;
        if (destination is null)
        {
            _nameLengths[i] = 0;
        }
        else
        {
            destination.Buffer.Span[..destination.Size].CopyTo(_names.AsSpan(i * MultiMessage.NameCapacity));
            _nameLengths[i] = destination.Size;
        }
    }

    private void SendQueued()
    {
        // One sendmmsg per socket, in queue order within each socket (usually one or two sockets per batch).
        for (int first = 0; first < _count; first++)
        {
            if (_sent[first])
            {
                continue;
            }

            Socket socket = _sockets[first]!;
            int n = 0;
            for (int i = first; i < _count; i++)
            {
                if (!_sent[i] && ReferenceEquals(_sockets[i], socket))
                {
                    _sent[i] = true;
                    WriteHeader(n++, i);
                }
            }

            SendAll(socket, n);
        }

        Array.Clear(_sockets, 0, _count);
        Array.Clear(_sinks, 0, _count);
        _count = 0;
    }

    // Header n describes queued datagram i (headers are packed per socket; datagrams stay where they were queued).
    private void WriteHeader(int n, int i)
    {
        Span<byte> iov = _iovecs.AsSpan(n * MultiMessage.IovecSize, MultiMessage.IovecSize);
        MultiMessage.WritePointer(iov, 0, _dataAddress + (i * _slotSize));
        MultiMessage.WriteLength(iov, 8, _lengths[i]);
        Span<byte> header = _headers.AsSpan(n * MultiMessage.HeaderSize, MultiMessage.HeaderSize);
        header.Clear();
        if (_nameLengths[i] > 0)
        {
            MultiMessage.WritePointer(header, MultiMessage.NameOffset, _namesAddress + (i * MultiMessage.NameCapacity));
            MultiMessage.WriteInt32(header, MultiMessage.NameLengthOffset, _nameLengths[i]);
        }

        MultiMessage.WritePointer(header, MultiMessage.IovOffset, _iovecsAddress + (n * MultiMessage.IovecSize));
        MultiMessage.WriteLength(header, MultiMessage.IovLengthOffset, 1);

        // Remember whose datagram header n is, for the error report.
        _order[n] = i;
    }

    private void SendAll(Socket socket, int count)
    {
        int done = 0;
        while (done < count)
        {
            int sent = MultiMessage.Send(socket, _headersAddress + (done * MultiMessage.HeaderSize), count - done, out SocketError error);
            if (sent > 0)
            {
                done += sent;
                continue;
            }

            if (error == SocketError.Interrupted)
            {
                continue;
            }

            // The datagram at 'done' failed (like a failed sendto): report it and go on with the rest.
            _sinks[_order[done]]?.OnSendError(error);
            done++;
        }
    }
}
