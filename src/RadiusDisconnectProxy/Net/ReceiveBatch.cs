using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RadiusDisconnectProxy.Net;

/// <summary>
/// The receive side of one loop thread: <see cref="Capacity"/> reusable datagram slots in pinned arrays, filled by one
/// <c>recvmmsg</c> per wake-up (several datagrams per system call when they queue up under load, one when idle).
/// Allocates nothing per datagram. Without <see cref="MultiMessage.IsSupported"/> it receives one datagram per call.
/// </summary>
internal sealed class ReceiveBatch
{
    private readonly byte[] _data;
    private readonly byte[] _names;
    private readonly byte[] _iovecs;
    private readonly byte[] _headers;
    private readonly int[] _lengths;
    private readonly int[] _nameLengths;
    private readonly IntPtr _headersAddress;
    private readonly bool _withAddresses;
    private readonly SocketAddress? _fallbackAddress;

    /// <param name="capacity">Datagrams per call.</param>
    /// <param name="slotSize">Octets kept per datagram (the RADIUS maximum: a longer one is cut, and the codec's length check decides).</param>
    /// <param name="addresses">Whether the source address of each datagram is wanted (false on a connected socket).</param>
    /// <param name="family">Address family of the socket (for the one-at-a-time fallback).</param>
    public ReceiveBatch(int capacity, int slotSize, bool addresses, AddressFamily family)
    {
        Capacity = MultiMessage.IsSupported ? capacity : 1;
        SlotSize = slotSize;
        _withAddresses = addresses;
        _data = GC.AllocateUninitializedArray<byte>(Capacity * slotSize, pinned: true);
        _names = GC.AllocateArray<byte>(Capacity * MultiMessage.NameCapacity, pinned: true);
        _iovecs = GC.AllocateArray<byte>(Capacity * MultiMessage.IovecSize, pinned: true);
        _headers = GC.AllocateArray<byte>(Capacity * MultiMessage.HeaderSize, pinned: true);
        _lengths = new int[Capacity];
        _nameLengths = new int[Capacity];
        _headersAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0);
        if (!MultiMessage.IsSupported)
        {
            _fallbackAddress = new SocketAddress(family);
            return;
        }

        IntPtr data = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        IntPtr names = Marshal.UnsafeAddrOfPinnedArrayElement(_names, 0);
        IntPtr iovecs = Marshal.UnsafeAddrOfPinnedArrayElement(_iovecs, 0);
        for (int i = 0; i < Capacity; i++)
        {
            Span<byte> iov = _iovecs.AsSpan(i * MultiMessage.IovecSize, MultiMessage.IovecSize);
            MultiMessage.WritePointer(iov, 0, data + (i * slotSize));
            MultiMessage.WriteLength(iov, 8, slotSize);
            Span<byte> header = _headers.AsSpan(i * MultiMessage.HeaderSize, MultiMessage.HeaderSize);
            MultiMessage.WritePointer(header, MultiMessage.NameOffset, addresses ? names + (i * MultiMessage.NameCapacity) : IntPtr.Zero);
            MultiMessage.WritePointer(header, MultiMessage.IovOffset, iovecs + (i * MultiMessage.IovecSize));
            MultiMessage.WriteLength(header, MultiMessage.IovLengthOffset, 1);
        }
    }

    public int Capacity { get; }

    public int SlotSize { get; }

    /// <summary>
    /// Blocks until at least one datagram is queued (or the socket's receive timeout, a shutdown or an error), then takes
    /// up to <see cref="Capacity"/>. Returns how many; 0 with <paramref name="error"/> set when none was received. With
    /// <paramref name="wait"/> false it never blocks (nothing queued: 0 and <see cref="SocketError.WouldBlock"/>).
    /// </summary>
    public int Receive(Socket socket, out SocketError error, bool wait = true)
    {
        if (!MultiMessage.IsSupported)
        {
            return ReceiveOne(socket, out error);
        }

        for (int i = 0; i < Capacity; i++)
        {
            // The kernel overwrites the name length and flags of every header it fills.
            Span<byte> header = _headers.AsSpan(i * MultiMessage.HeaderSize, MultiMessage.HeaderSize);
            MultiMessage.WriteInt32(header, MultiMessage.NameLengthOffset, _withAddresses ? MultiMessage.NameCapacity : 0);
            MultiMessage.WriteInt32(header, MultiMessage.FlagsOffset, 0);
        }

        int received = MultiMessage.Receive(socket, _headersAddress, Capacity, wait, out error);
        if (received <= 0)
        {
            // 0: the socket was shut down (stop); the caller checks why it woke.
            if (received == 0)
            {
                error = SocketError.Shutdown;
            }

            return 0;
        }

        for (int i = 0; i < received; i++)
        {
            ReadOnlySpan<byte> header = _headers.AsSpan(i * MultiMessage.HeaderSize, MultiMessage.HeaderSize);
            _lengths[i] = MultiMessage.ReadInt32(header, MultiMessage.MessageLengthOffset);
            _nameLengths[i] = MultiMessage.ReadInt32(header, MultiMessage.NameLengthOffset);
        }

        return received;
    }

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/> (valid until the next call).</summary>
    public Span<byte> Datagram(int index) => _data.AsSpan(index * SlotSize, Math.Min(_lengths[index], SlotSize));

    /// <summary>Copies the source address of datagram <paramref name="index"/> into <paramref name="target"/>.</summary>
    public void CopySource(int index, SocketAddress target)
    {
        if (_fallbackAddress is not null)
        {
            int size = _fallbackAddress.Size;
            target.Size = size;
            _fallbackAddress.Buffer.Span[..size].CopyTo(target.Buffer.Span);
            return;
        }

        int length = Math.Min(Math.Min(_nameLengths[index], MultiMessage.NameCapacity), target.Buffer.Length);
        _names.AsSpan(index * MultiMessage.NameCapacity, length).CopyTo(target.Buffer.Span);
        target.Size = length;
    }

    private int ReceiveOne(Socket socket, out SocketError error)
    {
        try
        {
            _lengths[0] = _withAddresses
                ? socket.ReceiveFrom(_data.AsSpan(0, SlotSize), SocketFlags.None, _fallbackAddress!)
                : socket.Receive(_data.AsSpan(0, SlotSize), SocketFlags.None);
            error = SocketError.Success;
            return 1;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode;
            return 0;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
            return 0;
        }
    }
}
