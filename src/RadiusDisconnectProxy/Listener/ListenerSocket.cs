using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Listener;

/// <summary>
/// One bound UDP socket and its receive loop: one blocking receive at a time on its own thread into one reused buffer and one reused
/// <see cref="SocketAddress"/> (no allocation per datagram), each datagram handed synchronously to the pipeline.
/// Answers go out on the same socket, so they leave from the port the request came to.
/// </summary>
internal sealed class ListenerSocket : IAnswerTransport, IDisposable
{
    private readonly Socket _socket;
    private readonly RequestPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly string _name;

    private static TimeSpan StopCheckInterval => TimeSpan.FromMilliseconds(100);

    private ListenerSocket(Socket socket, RequestPipeline pipeline, ILogger logger)
    {
        _socket = socket;
        _pipeline = pipeline;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _name = LocalEndPoint.ToString();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds now (so a bind failure fails start-up); IPv6Any means dual mode, all IPv4 and IPv6.</summary>
    public static ListenerSocket Bind(IPAddress address, int port, int receiveBufferSize, RequestPipeline pipeline, ILogger logger)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.ReceiveBufferSize = receiveBufferSize;
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Cannot listen on udp {new IPEndPoint(address, port)}: {ex.Message}", ex);
        }

        var listener = new ListenerSocket(socket, pipeline, logger);
        // Linux reports twice the granted size; it caps the request at net.core.rmem_max.
        int granted = socket.ReceiveBufferSize;
        if (granted < receiveBufferSize)
        {
            ListenerLog.ReceiveBufferCapped(logger, listener._name, granted, receiveBufferSize);
        }

        ListenerLog.Listening(logger, listener._name);
        return listener;
    }

    public void Send(ReadOnlySpan<byte> answer, SocketAddress destination) => _socket.SendTo(answer, SocketFlags.None, destination);

    /// <summary>
    /// Starts the receive loop on a dedicated thread with blocking receives: the thread the kernel wakes for a datagram
    /// runs the pipeline (and a forwarding driver's send) itself, instead of an epoll thread handing every datagram to a
    /// thread-pool worker (two wake-ups per datagram on a busy box). The task completes when the loop has ended.
    /// </summary>
    public Task StartReceiving(CancellationToken stopping)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ReceiveLoop(stopping);
            }
            finally
            {
                ended.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "rdp-listen " + _name,
        };
        thread.Start();
        return ended.Task;
    }

    private void ReceiveLoop(CancellationToken stopping)
    {
        byte[] buffer = GC.AllocateArray<byte>(65_536, pinned: true);
        var source = new SocketAddress(_socket.AddressFamily);

        try
        {
            // The blocking receive wakes up at least this often to notice a stop request; answers keep using the socket.
            _socket.ReceiveTimeout = (int)StopCheckInterval.TotalMilliseconds;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, source);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                continue;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable echoes (ConnectionReset), oversized datagrams and the like: not fatal.
                ListenerLog.TransientReceiveError(_logger, _name, ex.SocketErrorCode);
                continue;
            }

            try
            {
                _pipeline.Process(buffer.AsSpan(0, received), source, this);
            }
            catch (Exception ex)
            {
                // The pipeline turns bad input into drops; this is a bug, and one datagram must not end the loop.
                ListenerLog.ProcessingFailed(_logger, ex, _name);
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
