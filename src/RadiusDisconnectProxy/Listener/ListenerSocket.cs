using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Net;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Listener;

/// <summary>
/// One bound UDP socket and its receive side: on the <see cref="IoLoop"/> (or, off Linux, its own thread), one <c>recvmmsg</c> per wake-up takes every queued
/// datagram into reused slots and one reused <see cref="SocketAddress"/> (no allocation per datagram); each datagram is
/// handed synchronously to the pipeline, and what the batch sends leaves in one <c>sendmmsg</c> per socket.
/// Answers go out on the same socket, so they leave from the port the request came to.
/// </summary>
internal sealed class ListenerSocket : IAnswerTransport, ISendErrorSink, IReadableHandler, IDisposable
{
    private readonly Socket _socket;
    private readonly RequestPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly string _name;
    private ReceiveBatch? _received;
    private SocketAddress? _source;

    /// <summary>Datagrams taken per receive call under load (one wake-up, one system call).</summary>
    private const int BatchSize = 32;

    private const int BackstopTimeoutMilliseconds = 2000;

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

    /// <summary>Sends an answer: batched when called on a receive-loop thread (this one's or an upstream socket's), else at once.</summary>
    public void Send(ReadOnlySpan<byte> answer, SocketAddress destination) => SendBatch.Send(_socket, answer, destination, this);

    /// <summary>
    /// Starts receiving. On Linux the socket joins the process's <see cref="IoLoop"/>: the one thread that also serves
    /// the upstream sockets toward the NASes takes its datagrams, runs the pipeline (and a forwarding driver's send)
    /// inline, and relays NAS answers in the same wake-ups. Elsewhere a dedicated thread blocks in receive and does the
    /// same for this socket alone. Either way no datagram is handed to the thread pool. The task completes when
    /// <paramref name="stopping"/> has fired and no datagram of this socket is being handled any more.
    /// </summary>
    public Task StartReceiving(CancellationToken stopping)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (IoLoop.Shared is { } loop)
        {
            _received = new ReceiveBatch(BatchSize, RadiusPacketLimits.MaxPacketLength, addresses: true, _socket.AddressFamily);
            _source = new SocketAddress(_socket.AddressFamily);
            ulong registration = loop.Add(_socket, this);
            stopping.UnsafeRegister(
                static state =>
                {
                    var (self, loop, registration, ended) = ((ListenerSocket, IoLoop, ulong, TaskCompletionSource))state!;
                    loop.RemoveAsync(self._socket, registration).ContinueWith(
                        static (_, e) => ((TaskCompletionSource)e!).TrySetResult(), ended, CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                },
                (this, loop, registration, ended));
            return ended.Task;
        }

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

    void IReadableHandler.OnReadable()
    {
        int count = _received!.Receive(_socket, out SocketError error, wait: false);
        if (count == 0)
        {
            if (error is not (SocketError.WouldBlock or SocketError.TimedOut or SocketError.Interrupted or SocketError.OperationAborted
                or SocketError.Shutdown))
            {
                ListenerLog.TransientReceiveError(_logger, _name, error);
            }

            return;
        }

        // The loop's send batch is open: answers and requests to NASes leave at the end of the round.
        Handle(_received, count, _source!);
    }

    private void ReceiveLoop(CancellationToken stopping)
    {
        var received = new ReceiveBatch(BatchSize, RadiusPacketLimits.MaxPacketLength, addresses: true, _socket.AddressFamily);
        var sends = new SendBatch(BatchSize, RadiusPacketLimits.MaxPacketLength);
        var source = new SocketAddress(_socket.AddressFamily);

        // Stopping shuts the receive side down, which wakes the blocked receive at once; answers keep using the socket.
        // The receive timeout is only a backstop for that wake-up: an idle listener sleeps in the kernel.
        try
        {
            _socket.ReceiveTimeout = BackstopTimeoutMilliseconds;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        using CancellationTokenRegistration wake = stopping.UnsafeRegister(static state => ((ListenerSocket)state!).ShutdownReceive(), this);

        while (!stopping.IsCancellationRequested)
        {
            int count = received.Receive(_socket, out SocketError error);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (count == 0)
            {
                if (error is SocketError.OperationAborted or SocketError.Shutdown)
                {
                    return;
                }

                if (error is not (SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted))
                {
                    // ICMP port unreachable echoes (ConnectionReset), and the like: not fatal.
                    ListenerLog.TransientReceiveError(_logger, _name, error);
                }

                continue;
            }

            // Everything this batch sends (answers, requests to NASes) leaves in one sendmmsg per socket at the end.
            sends.Begin();
            try
            {
                Handle(received, count, source);
            }
            finally
            {
                sends.Flush();
            }
        }
    }

    private void Handle(ReceiveBatch received, int count, SocketAddress source)
    {
        for (int i = 0; i < count; i++)
        {
            received.CopySource(i, source);
            try
            {
                _pipeline.Process(received.Datagram(i), source, this);
            }
            catch (Exception ex)
            {
                // The pipeline turns bad input into drops; this is a bug, and one datagram must not end the loop.
                ListenerLog.ProcessingFailed(_logger, ex, _name);
            }
        }
    }

    private void ShutdownReceive()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // Linux reports ENOTCONN for an unconnected datagram socket but shuts its receive side down all the same.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    void ISendErrorSink.OnSendError(SocketError error) => ListenerLog.TransientReceiveError(_logger, _name, error);

    public void Dispose() => _socket.Dispose();
}
