using System.Collections.Concurrent;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.Net;

/// <summary>Told on the <see cref="IoLoop"/> thread that its socket has datagrams (or an error) queued.</summary>
internal interface IReadableHandler
{
    /// <summary>
    /// Takes one batch without blocking (<see cref="ReceiveBatch.Receive"/> with <c>wait: false</c>) and handles it. Runs
    /// inside the loop's send batch: what it sends leaves with everything else this round sends. Must not throw.
    /// </summary>
    void OnReadable();
}

/// <summary>
/// A periodic job run on the <see cref="IoLoop"/> thread (the forwarder's retransmission scan): due times bound the loop's
/// sleep only while the job has something to do, so an idle loop still sleeps without a timeout, and under load the job
/// rides on wake-ups that happen anyway instead of waking a timer thread and a thread-pool worker of its own.
/// </summary>
internal interface ILoopTimer
{
    /// <summary>When it wants to run next, in <see cref="System.Diagnostics.Stopwatch"/> ticks; <see cref="long.MaxValue"/> when idle.</summary>
    long Due { get; }

    /// <summary>Runs on the loop thread, inside the loop's send batch. Must not throw.</summary>
    void OnDue(long now);
}

/// <summary>
/// One thread that serves the listener sockets and every upstream socket toward the NASes together (docs/load-testing.md,
/// "One proxy thread"): it sleeps in <c>epoll_wait</c> (no timeout, so an idle proxy never wakes), and each wake-up takes
/// a batch from every socket that is ready (a request from a client, an answer from a NAS), runs the pipeline and the
/// answer relay inline, and sends what the round produced in one <c>sendmmsg</c> per socket. Under load both legs of a
/// forwarded request are served by the same wake-up instead of two threads waking each other. Level-triggered: a socket
/// with more than one batch queued is served again in the next round, after the others. Linux only
/// (<see cref="Shared"/> is null elsewhere, and the sockets keep a receive thread each).
/// </summary>
internal sealed class IoLoop
{
    private const int MaxEvents = 64;
    private const ulong WakeId = 0;

    /// <summary>Datagrams one round may queue before they are sent early (a full batch is sent and a new one begun).</summary>
    private const int SendCapacity = 64;

    /// <summary>The RADIUS maximum (RFC 2865 §3), the largest datagram the proxy sends.</summary>
    private const int MaxDatagram = 4096;

    private static readonly Lazy<IoLoop?> s_shared = new(Create);

    private readonly int _epoll;
    private readonly int _wake;
    private readonly ConcurrentDictionary<ulong, IReadableHandler> _handlers = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _barriers = new();
    private readonly Thread _thread;
    private readonly Lock _timersLock = new();
    private volatile ILoopTimer[] _timers = [];
    private long _nextId;

    private IoLoop(int epoll, int wake)
    {
        _epoll = epoll;
        _wake = wake;
        Epoll.Add(_epoll, _wake, WakeId);
        _thread = new Thread(Run) { IsBackground = true, Name = "rdp-io" };
        _thread.Start();
    }

    /// <summary>The process's loop, started on first use; null where epoll and recvmmsg are not available (or with RDP_NO_IOLOOP=1).</summary>
    public static IoLoop? Shared => s_shared.Value;

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Starts serving <paramref name="socket"/>; returns the registration to pass to <see cref="RemoveAsync"/>.</summary>
    public ulong Add(Socket socket, IReadableHandler handler)
    {
        ulong id = (ulong)Interlocked.Increment(ref _nextId);
        _handlers[id] = handler;
        try
        {
            Epoll.Add(_epoll, (int)socket.SafeHandle.DangerousGetHandle(), id);
        }
        catch
        {
            _handlers.TryRemove(id, out _);
            throw;
        }

        return id;
    }

    /// <summary>
    /// Stops serving <paramref name="socket"/>. The task completes once the loop has finished the round it may be in, so
    /// the handler is never called again after it (immediately when called on the loop thread itself).
    /// </summary>
    public Task RemoveAsync(Socket socket, ulong id)
    {
        _handlers.TryRemove(id, out _);
        try
        {
            Epoll.Remove(_epoll, (int)socket.SafeHandle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // Closed already: the kernel dropped it from the epoll set with the descriptor.
        }

        return AfterRoundAsync();
    }

    /// <summary>
    /// Completes once the loop has finished the round it may be in, sends included (immediately on the loop thread
    /// itself): an answer a handler queued in that round has then left, so its socket may be closed.
    /// </summary>
    public Task AfterRoundAsync()
    {
        if (IsLoopThread)
        {
            return Task.CompletedTask;
        }

        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers.Enqueue(barrier);
        Epoll.Signal(_wake);
        return barrier.Task;
    }

    /// <summary>Adds a periodic job (see <see cref="ILoopTimer"/>).</summary>
    public void AddTimer(ILoopTimer timer)
    {
        lock (_timersLock)
        {
            _timers = [.. _timers, timer];
        }

        Wake();
    }

    /// <summary>Removes a job; once the task completes it is not run again.</summary>
    public Task RemoveTimerAsync(ILoopTimer timer)
    {
        lock (_timersLock)
        {
            _timers = [.. _timers.Where(t => !ReferenceEquals(t, timer))];
        }

        return AfterRoundAsync();
    }

    /// <summary>Makes a sleeping loop look at its timers again (a job that was idle has work); free on the loop thread.</summary>
    public void Wake()
    {
        if (!IsLoopThread)
        {
            Epoll.Signal(_wake);
        }
    }

    private static IoLoop? Create()
    {
        if (!Epoll.IsSupported || Environment.GetEnvironmentVariable("RDP_NO_IOLOOP") is "1")
        {
            return null;
        }

        int epoll;
        try
        {
            epoll = Epoll.Create();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epoll here (a sandbox, an exotic kernel): every socket keeps its own receive thread.
            return null;
        }

        try
        {
            return new IoLoop(epoll, Epoll.EventFd());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Epoll.Close(epoll);
            return null;
        }
    }

    /// <summary>Milliseconds until the first due timer (rounded up), or -1 (sleep until a datagram) when none has work.</summary>
    private int Timeout()
    {
        long due = long.MaxValue;
        foreach (ILoopTimer timer in _timers)
        {
            due = Math.Min(due, timer.Due);
        }

        if (due == long.MaxValue)
        {
            return -1;
        }

        long wait = due - System.Diagnostics.Stopwatch.GetTimestamp();
        return wait <= 0 ? 0 : (int)Math.Min(int.MaxValue, ((wait * 1000) + System.Diagnostics.Stopwatch.Frequency - 1) / System.Diagnostics.Stopwatch.Frequency);
    }

    private void RunDueTimers(SendBatch sends)
    {
        ILoopTimer[] timers = _timers;
        if (timers.Length == 0)
        {
            return;
        }

        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        sends.Begin();
        try
        {
            foreach (ILoopTimer timer in timers)
            {
                if (timer.Due <= now)
                {
                    try
                    {
                        timer.OnDue(now);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Timers report their own failures.
                    }
                }
            }
        }
        finally
        {
            sends.Flush();
        }
    }

    private void Run()
    {
        byte[] events = new byte[MaxEvents * Epoll.EventSize];
        var sends = new SendBatch(SendCapacity, MaxDatagram);
        while (true)
        {
            int ready = Epoll.Wait(_epoll, events, MaxEvents, Timeout(), out int errno);
            if (ready < 0)
            {
                if (errno != 4)
                {
                    // Not EINTR: should not happen with a valid epoll descriptor; do not spin on it.
                    Thread.Sleep(10);
                }

                continue;
            }

            bool woken = false;
            sends.Begin();
            try
            {
                for (int i = 0; i < ready; i++)
                {
                    ulong id = Epoll.Data(events, i);
                    if (id == WakeId)
                    {
                        woken = true;
                    }
                    else if (_handlers.TryGetValue(id, out IReadableHandler? handler))
                    {
                        try
                        {
                            handler.OnReadable();
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            // Handlers report their own failures; one must never end the loop every socket depends on.
                        }
                    }
                }
            }
            finally
            {
                sends.Flush();
            }

            RunDueTimers(sends);

            if (woken)
            {
                Epoll.Drain(_wake);
                while (_barriers.TryDequeue(out TaskCompletionSource? barrier))
                {
                    barrier.TrySetResult();
                }
            }
        }
    }
}
