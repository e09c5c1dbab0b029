using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RadiusDisconnectProxy.Net;

/// <summary>
/// Linux <c>recvmmsg(2)</c> / <c>sendmmsg(2)</c> on x86-64 and arm64 (LP64: the <c>struct mmsghdr</c> layout below), so a
/// receive loop takes every datagram already queued in one system call and one wake-up, and sends what a batch produced
/// in one call per socket (docs/load-testing.md, "Batched UDP"). Elsewhere <see cref="IsSupported"/> is false and callers
/// use the ordinary one-datagram <see cref="Socket"/> calls.
/// </summary>
internal static class MultiMessage
{
    // struct iovec { void *iov_base; size_t iov_len; }
    public const int IovecSize = 16;

    // struct mmsghdr { struct msghdr { void *name; socklen_t namelen; (pad) struct iovec *iov; size_t iovlen;
    //                  void *control; size_t controllen; int flags; (pad) } msg_hdr; unsigned int msg_len; (pad) }
    public const int HeaderSize = 64;
    public const int NameOffset = 0;
    public const int NameLengthOffset = 8;
    public const int IovOffset = 16;
    public const int IovLengthOffset = 24;
    public const int FlagsOffset = 48;
    public const int MessageLengthOffset = 56;

    /// <summary>Room for any socket address (<c>sockaddr_storage</c>).</summary>
    public const int NameCapacity = 128;

    /// <summary>recvmmsg: block for the first datagram only, then take what is queued without waiting.</summary>
    public const int MsgWaitForOne = 0x10000;

    /// <summary>recvmmsg without blocking at all (the <see cref="IoLoop"/> knows the socket is ready).</summary>
    public const int MsgDontWait = 0x40;

    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux() && IntPtr.Size == 8 && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && Environment.GetEnvironmentVariable("RDP_NO_MMSG") is not "1";

    [DllImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int RecvMmsg(IntPtr fd, IntPtr messages, uint count, int flags, IntPtr timeout);

    [DllImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendMmsg(IntPtr fd, IntPtr messages, uint count, int flags);

    /// <summary>recvmmsg on <paramref name="socket"/>; the socket handle is held (not closable) during the call.</summary>
    public static int Receive(Socket socket, IntPtr headers, int count, bool wait, out SocketError error) =>
        Call(socket, headers, count, receive: true, wait ? MsgWaitForOne : MsgDontWait, out error);

    /// <summary>sendmmsg on <paramref name="socket"/>: how many of the first <paramref name="count"/> messages went out.</summary>
    public static int Send(Socket socket, IntPtr headers, int count, out SocketError error) =>
        Call(socket, headers, count, receive: false, 0, out error);

    private static int Call(Socket socket, IntPtr headers, int count, bool receive, int flags, out SocketError error)
    {
        SafeHandle handle = socket.SafeHandle;
        bool added = false;
        try
        {
            // Held across the blocking call: Socket.Dispose then shuts the socket down (which wakes this call) and waits
            // for the release before closing the descriptor, so the call never runs on a reused descriptor.
            handle.DangerousAddRef(ref added);
            int result = receive
                ? RecvMmsg(handle.DangerousGetHandle(), headers, (uint)count, flags, IntPtr.Zero)
                : SendMmsg(handle.DangerousGetHandle(), headers, (uint)count, flags);
            error = result >= 0 ? SocketError.Success : FromErrno(Marshal.GetLastPInvokeError());
            return result;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
            return -1;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The Linux errno values a datagram socket reports, as the <see cref="SocketError"/> the managed calls would throw.</summary>
    public static SocketError FromErrno(int errno) => errno switch
    {
        4 => SocketError.Interrupted,          // EINTR
        9 => SocketError.OperationAborted,     // EBADF: closed under us
        11 => SocketError.WouldBlock,          // EAGAIN: SO_RCVTIMEO elapsed
        12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
        90 => SocketError.MessageSize,         // EMSGSIZE
        101 => SocketError.NetworkUnreachable, // ENETUNREACH
        100 => SocketError.NetworkDown,        // ENETDOWN
        104 => SocketError.ConnectionReset,    // ECONNRESET
        111 => SocketError.ConnectionRefused,  // ECONNREFUSED: ICMP port unreachable on a connected socket
        112 => SocketError.HostDown,           // EHOSTDOWN
        113 => SocketError.HostUnreachable,    // EHOSTUNREACH
        _ => SocketError.SocketError,
    };

    public static void WritePointer(Span<byte> header, int offset, IntPtr value) =>
        BinaryPrimitives.WriteInt64LittleEndian(header[offset..], value.ToInt64());

    public static void WriteLength(Span<byte> header, int offset, long value) =>
        BinaryPrimitives.WriteInt64LittleEndian(header[offset..], value);

    public static void WriteInt32(Span<byte> header, int offset, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(header[offset..], value);

    public static int ReadInt32(ReadOnlySpan<byte> header, int offset) => BinaryPrimitives.ReadInt32LittleEndian(header[offset..]);
}
