using System.Collections.Concurrent;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>Told on the <see cref="ReplyLoop"/> thread that its socket has bytes (or an end, or an error) to read.</summary>
internal interface IReplyReceiver
{
    /// <summary>Reads what is queued without blocking and handles every complete sentence. Must not throw.</summary>
    void OnReadable();
}

/// <summary>
/// One thread that reads the replies of every plain-TCP router connection of the process (docs/load-testing.md,
/// "Slow paths"): it sleeps in <c>epoll_wait</c> without a timeout (an idle proxy never wakes), and each wake-up
/// reads every connection that is ready with a non-blocking <c>recv</c> and completes the commands inline, so the rest of
/// the request (the next command's write, the RADIUS answer) runs on this thread too. Through .NET's socket engine each
/// reply cost two wake-ups (its epoll thread, then a thread-pool worker). API-SSL connections keep the asynchronous
/// reader (<c>SslStream</c> needs it). Linux only (<see cref="Shared"/> is null elsewhere, or with
/// <c>RDP_NO_ROUTEROS_LOOP=1</c>).
/// </summary>
internal sealed class ReplyLoop
{
    private const int MaxEvents = 64;

    private static readonly Lazy<ReplyLoop?> s_shared = new(Create);

    private readonly int _epoll;
    private readonly ConcurrentDictionary<ulong, IReplyReceiver> _receivers = new();
    private readonly Thread _thread;
    private long _nextId;

    private ReplyLoop(int epoll)
    {
        _epoll = epoll;
        _thread = new Thread(Run) { IsBackground = true, Name = "rdp-ros-io" };
        _thread.Start();
    }

    /// <summary>The process's loop, started on first use; null where epoll is not available.</summary>
    public static ReplyLoop? Shared => s_shared.Value;

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>
    /// Starts reading <paramref name="socket"/>; <paramref name="id"/> (the registration for <see cref="Remove"/>) is set
    /// before the socket is watched, so a receiver that stores it there has it when its first event arrives.
    /// </summary>
    public void Add(Socket socket, IReplyReceiver receiver, out ulong id)
    {
        id = (ulong)Interlocked.Increment(ref _nextId);
        _receivers[id] = receiver;
        try
        {
            LinuxIo.Add(_epoll, socket, id);
        }
        catch
        {
            _receivers.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>Stops reading <paramref name="socket"/>. Called on the loop thread, so no event for it is handled afterwards.</summary>
    public void Remove(Socket socket, ulong id)
    {
        _receivers.TryRemove(id, out _);
        LinuxIo.Remove(_epoll, socket);
    }

    private static ReplyLoop? Create()
    {
        if (!LinuxIo.IsSupported)
        {
            return null;
        }

        try
        {
            return new ReplyLoop(LinuxIo.CreateEpoll());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epoll here (a sandbox, an exotic kernel): connections keep the asynchronous reader.
            return null;
        }
    }

    private void Run()
    {
        byte[] events = new byte[MaxEvents * LinuxIo.EventSize];
        while (true)
        {
            int ready = LinuxIo.Wait(_epoll, events, MaxEvents, out int errno);
            if (ready < 0)
            {
                if (errno != LinuxIo.EIntr)
                {
                    // Should not happen with a valid epoll descriptor; do not spin on it.
                    Thread.Sleep(10);
                }

                continue;
            }

            for (int i = 0; i < ready; i++)
            {
                if (_receivers.TryGetValue(LinuxIo.Data(events, i), out IReplyReceiver? receiver))
                {
                    try
                    {
                        receiver.OnReadable();
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Receivers report their own failures; one must never end the loop every router depends on.
                    }
                }
            }
        }
    }
}
