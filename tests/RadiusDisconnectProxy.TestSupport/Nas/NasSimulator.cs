using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>
/// An RFC 5176 DAS (a NAS's Disconnect/CoA server) on 127.0.0.1, port 0. It verifies the Request Authenticator and any
/// Message-Authenticator with its secret (silently dropping what fails, RFC 5176 §3.4), answers ACK or a scripted NAK
/// with Error-Cause, echoes every Proxy-State in order (RFC 5176 §3.1) and signs answers correctly — or, when told,
/// with the FreeRADIUS 3.2.1 zeroed-authenticator Message-Authenticator. Without recording and delay it answers inline
/// on its receive loop with preallocated buffers, fast enough to be the target of load tests.
/// </summary>
public sealed partial class NasSimulator : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SharedSecret _secret;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private readonly List<NasReceivedPacket> _received = [];
    private readonly Lock _lock = new();
    private NasSimulatorBehavior _behavior = NasSimulatorBehavior.Ack;
    private SharedSecret? _answerSecret;
    private long _transmissions;
    private long _answered;
    private long _badAuthenticators;

    private NasSimulator(Socket socket, string secret, int receiveLoops)
    {
        _socket = socket;
        _secret = new SharedSecret(secret);
        Endpoint = (IPEndPoint)socket.LocalEndPoint!;
        _loops = new Task[receiveLoops];
        for (int i = 0; i < receiveLoops; i++)
        {
            _loops[i] = Task.Factory.StartNew(ReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Authentic requests received (including dropped ones and retransmissions).</summary>
    public long ReceivedCount => Interlocked.Read(ref _transmissions);

    public long AnsweredCount => Interlocked.Read(ref _answered);

    /// <summary>Requests dropped for a wrong Request Authenticator or Message-Authenticator, or a bad code.</summary>
    public long BadAuthenticatorCount => Interlocked.Read(ref _badAuthenticators);

    public NasSimulatorBehavior Behavior
    {
        get => Volatile.Read(ref _behavior);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _answerSecret, value.AnswerSecret is null ? null : new SharedSecret(value.AnswerSecret));
            Volatile.Write(ref _behavior, value);
        }
    }

    /// <summary>A snapshot of the recorded requests, in arrival order.</summary>
    public IReadOnlyList<NasReceivedPacket> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts a simulator on 127.0.0.1 (or ::1) on a free port.</summary>
    public static NasSimulator Start(string secret, NasSimulatorBehavior? behavior = null, int receiveLoops = 1, bool ipv6 = false, int port = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var socket = new Socket(ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 * 1024 * 1024;
        socket.SendBufferSize = 4 * 1024 * 1024;
        socket.ReceiveTimeout = 500; // ReceiveLoop: how long disposal may wait for a receiving thread
        socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, port));
        var simulator = new NasSimulator(socket, secret, Math.Max(1, receiveLoops));
        if (behavior is not null)
        {
            simulator.Behavior = behavior;
        }

        return simulator;
    }

    /// <summary>Waits until at least <paramref name="count"/> authentic requests arrived.</summary>
    public Task WaitForReceivedAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(() => ReceivedCount, count, timeout, "requests");

    /// <summary>
    /// Waits until <paramref name="count"/> transmissions were dropped for a bad authenticator. The simulator counts on its
    /// own thread, which a loaded machine can hold up until after the sender has given up on its last transmission.
    /// </summary>
    public Task WaitForBadAuthenticatorsAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(() => BadAuthenticatorCount, count, timeout, "transmissions with a bad authenticator");

    private static async Task WaitUntilAsync(Func<long> counter, int count, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (counter() < count)
        {
            try
            {
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"NAS simulator received {counter()} of {count} {what} within {timeout}");
            }
        }
    }

    public void ClearRecorded()
    {
        lock (_lock)
        {
            _received.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    /// <summary>
    /// One dedicated thread per loop with a blocking receive, not an async loop on the thread pool: a test host whose pool
    /// is busy with other tests could hold a (re)started simulator's receives for longer than a forwarder's whole
    /// retransmission schedule (a CI failure of the fault-injection test: NAK 505 for a request sent after the NAS was
    /// back). The receive timeout only bounds how long disposal waits for the thread.
    /// </summary>
    private void ReceiveLoop()
    {
        byte[] receive = GC.AllocateUninitializedArray<byte>(RadiusPacketLimits.MaxPacketLength, pinned: true);
        byte[] send = GC.AllocateUninitializedArray<byte>(RadiusPacketLimits.MaxPacketLength, pinned: true);
        var source = new SocketAddress(_socket.AddressFamily);
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(receive.AsSpan(), SocketFlags.None, source);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // The receive timeout (look at the stop token again), or ICMP from a client that went away: keep serving.
                continue;
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            OnRequest(receive.AsSpan(0, length), source, send);
        }
    }
}
