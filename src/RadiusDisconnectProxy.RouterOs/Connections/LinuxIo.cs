using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// Linux <c>epoll(7)</c> and <c>recv(2)</c> with <c>MSG_DONTWAIT</c> for <see cref="ReplyLoop"/>, on the LP64 platforms
/// (x86-64, arm64). <c>struct epoll_event</c> is packed (12 octets) on x86-64 and naturally aligned (16) on arm64. The
/// socket stays in blocking mode (commands are written with a blocking send bounded by its send timeout); only the
/// reads are non-blocking, per call.
/// </summary>
internal static class LinuxIo
{
    public const int EAgain = 11;
    public const int EIntr = 4;
    private const uint In = 0x001;
    private const uint RdHup = 0x2000;
    private const int CloExec = 0x80000;
    private const int CtlAdd = 1;
    private const int CtlDel = 2;
    private const int MsgDontWait = 0x40;
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;

    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux() && IntPtr.Size == 8 && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && Environment.GetEnvironmentVariable("RDP_NO_ROUTEROS_LOOP") is not "1";

    public static int EventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int DataOffset => EventSize == 12 ? 4 : 8;

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollCreate1(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollCtl(int epfd, int op, int fd, byte[] evt);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollWait(int epfd, byte[] events, int maxEvents, int timeout);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Recv(IntPtr fd, ref byte buffer, nuint length, int flags);

    public static int CreateEpoll()
    {
        int fd = EpollCreate1(CloExec);
        return fd >= 0 ? fd : throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1 failed");
    }

    /// <summary>Watches <paramref name="socket"/> for input (and hang-up/errors, which epoll always reports).</summary>
    public static void Add(int epoll, Socket socket, ulong data)
    {
        byte[] evt = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(evt, In | RdHup);
        BinaryPrimitives.WriteUInt64LittleEndian(evt.AsSpan(DataOffset), data);
        if (EpollCtl(epoll, CtlAdd, (int)socket.SafeHandle.DangerousGetHandle(), evt) != 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Stops watching <paramref name="socket"/>; harmless when it is no longer registered.</summary>
    public static void Remove(int epoll, Socket socket)
    {
        SafeHandle handle = socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = EpollCtl(epoll, CtlDel, (int)handle.DangerousGetHandle(), new byte[16]);
        }
        catch (ObjectDisposedException)
        {
            // Closed already: the kernel dropped it from the epoll set with the descriptor.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Blocks until at least one event; returns how many, or -1 (errno in <paramref name="errno"/>).</summary>
    public static int Wait(int epoll, byte[] events, int maxEvents, out int errno)
    {
        int n = EpollWait(epoll, events, maxEvents, -1);
        errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
        return n;
    }

    public static ulong Data(byte[] events, int index) => BinaryPrimitives.ReadUInt64LittleEndian(events.AsSpan((index * EventSize) + DataOffset));

    /// <summary>Asks the kernel to acknowledge received data at once (<c>TCP_QUICKACK</c>, tcp(7)); best effort.</summary>
    public static void QuickAck(Socket socket)
    {
        try
        {
            Span<byte> on = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(on, 1);
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, on);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not essential: without it the ACK is only delayed.
        }
    }

    /// <summary>
    /// <c>recv(2)</c> without waiting: bytes read, 0 at the end of the stream, or -1 with <paramref name="errno"/>
    /// (<see cref="EAgain"/>: nothing queued). The socket handle is held (not closable) during the call.
    /// </summary>
    public static int Receive(Socket socket, Span<byte> buffer, out int errno)
    {
        SafeHandle handle = socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            nint n = Recv(handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length, MsgDontWait);
            errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            return (int)n;
        }
        catch (ObjectDisposedException)
        {
            errno = 9; // EBADF: closed under us
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
}
