using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RadiusDisconnectProxy.Net;

/// <summary>
/// Linux <c>epoll(7)</c> and <c>eventfd(2)</c> for <see cref="IoLoop"/>, on the same LP64 platforms as <see cref="MultiMessage"/>.
/// <c>struct epoll_event</c> is packed (12 octets) on x86-64 and naturally aligned (16) on arm64.
/// </summary>
internal static class Epoll
{
    public const uint In = 0x001;
    public const uint Err = 0x008;
    public const uint Hup = 0x010;
    private const int CloExec = 0x80000;
    private const int NonBlock = 0x800;
    private const int CtlAdd = 1;
    private const int CtlDel = 2;

    public static bool IsSupported => MultiMessage.IsSupported;

    public static int EventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int DataOffset => EventSize == 12 ? 4 : 8;

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static extern int Create1(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static extern int Ctl(int epfd, int op, int fd, byte[] evt);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static extern int WaitNative(int epfd, byte[] events, int maxEvents, int timeout);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFdNative(uint initval, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, ref ulong buffer, nuint count);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, out ulong buffer, nuint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    public static int Create() => Check(Create1(CloExec), "epoll_create1");

    public static int EventFd() => Check(EventFdNative(0, CloExec | NonBlock), "eventfd");

    public static void Add(int epfd, int fd, ulong data)
    {
        byte[] evt = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(evt, In);
        BinaryPrimitives.WriteUInt64LittleEndian(evt.AsSpan(DataOffset), data);
        Check(Ctl(epfd, CtlAdd, fd, evt), "epoll_ctl ADD");
    }

    /// <summary>Removes <paramref name="fd"/>; false when it was not registered (or already closed).</summary>
    public static bool Remove(int epfd, int fd) => Ctl(epfd, CtlDel, fd, new byte[16]) == 0;

    /// <summary>Blocks until an event or <paramref name="timeoutMs"/> (-1: no timeout); returns how many, or -1 (errno in <paramref name="errno"/>).</summary>
    public static int Wait(int epfd, byte[] events, int maxEvents, int timeoutMs, out int errno)
    {
        int n = WaitNative(epfd, events, maxEvents, timeoutMs);
        errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
        return n;
    }

    public static ulong Data(byte[] events, int index) => BinaryPrimitives.ReadUInt64LittleEndian(events.AsSpan((index * EventSize) + DataOffset));

    public static void Signal(int eventFd)
    {
        ulong one = 1;
        _ = Write(eventFd, ref one, 8);
    }

    public static void Drain(int eventFd) => _ = Read(eventFd, out _, 8);

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), call + " failed");
}
