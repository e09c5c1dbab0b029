using System.Diagnostics;
using System.Net.Sockets;
using RadiusDisconnectProxy.Net;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// One UDP socket (one source port) toward one NAS, connected so that the kernel delivers only that NAS's datagrams
/// and reports ICMP port-unreachable. It owns an Identifier space of 256 slots (RFC 5080 §2.2.2: an Id is not reused
/// toward the same destination and source port until answered or timed out; allocation walks round from the last one
/// used, so the least recently used free Id comes next). Answers are matched by (this socket, Identifier) and verified
/// against the Request Authenticator held in the slot.
/// </summary>
internal sealed class UpstreamSocket : ISendErrorSink, IReadableHandler, IDisposable
{
    public const int IdentifierCount = 256;

    /// <summary>Answers taken per receive call under load.</summary>
    private const int BatchSize = 32;

    private const int BackstopTimeoutMilliseconds = 2000;

    private readonly Socket _socket;
    private readonly NasChannel _channel;
    private readonly PendingForward?[] _slots = new PendingForward?[IdentifierCount];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private int _cursor;
    private int _inFlight;
    private IoLoop? _loop;
    private ulong _registration;
    private ReceiveBatch? _received;

    private UpstreamSocket(Socket socket, NasChannel channel)
    {
        _socket = socket;
        _channel = channel;
    }

    public static UpstreamSocket Open(NasChannel channel, ForwardingOptions options)
    {
        var socket = new Socket(channel.Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SocketBuffers.SetReceiveBuffer(socket, options.ReceiveBufferBytes);
            socket.SendBufferSize = options.SendBufferBytes;
            socket.Connect(channel.Endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var upstream = new UpstreamSocket(socket, channel);

        // On Linux the process's IoLoop serves this socket with the listener: one wake-up takes the NAS's answers, completes
        // their requests and sends the answers to the clients inline, together with the new requests it forwards.
        if (IoLoop.Shared is { } loop)
        {
            upstream._received = new ReceiveBatch(BatchSize, RadiusPacketLimits.MaxPacketLength, addresses: false, socket.AddressFamily);
            upstream._loop = loop;
            upstream._registration = loop.Add(socket, upstream);
            return upstream;
        }

        // Elsewhere a dedicated thread blocked in recv: the thread the kernel wakes for an answer completes the request and
        // runs the pipeline's answer inline, instead of an epoll thread handing each answer to a thread-pool worker.
        var thread = new Thread(upstream.ReceiveLoop)
        {
            IsBackground = true,
            Name = "rdp-upstream " + channel.Endpoint,
        };
        thread.Start();
        return upstream;
    }

    /// <summary>Takes a free Identifier for <paramref name="pending"/>; false when all 256 are in flight.</summary>
    public bool TryAdd(PendingForward pending)
    {
        lock (_lock)
        {
            if (_inFlight == IdentifierCount)
            {
                return false;
            }

            for (int i = 0; i < IdentifierCount; i++)
            {
                int id = (_cursor + i) & 0xFF;
                if (_slots[id] is null)
                {
                    _slots[id] = pending;
                    _cursor = id + 1;
                    _inFlight++;
                    pending.Socket = this;
                    pending.Identifier = (byte)id;
                    pending.Schedule = default;
                    pending.Schedule.SetUnarmed();
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Starts the RFC 5080 timers and sends the first transmission; false (slot freed) when sending failed; true also when
    /// an ICMP error already finished it (its outcome is waiting).
    /// </summary>
    public bool TrySendFirst(PendingForward pending)
    {
        lock (_lock)
        {
            // An ICMP error on this socket (FailAll) may have finished it between TryAdd and here: its outcome is already
            // set and its Identifier released, so the caller only has to collect that outcome. Sending or removing it
            // again would complete it twice.
            if (!ReferenceEquals(_slots[pending.Identifier], pending))
            {
                return true;
            }

            pending.Schedule = new RetransmissionSchedule(pending.Timers, Stopwatch.GetTimestamp());
            if (TrySend(pending))
            {
                return true;
            }

            RemoveLocked(pending);
        }

        _channel.ReleaseIdentifier();
        return false;
    }

    /// <summary>Retransmits what is due and collects what timed out or failed (completed by the caller, outside the lock).</summary>
    public void Scan(long now, List<PendingForward> finished)
    {
        lock (_lock)
        {
            if (_inFlight == 0)
            {
                return;
            }

            for (int id = 0; id < IdentifierCount; id++)
            {
                PendingForward? pending = _slots[id];
                if (pending is null)
                {
                    continue;
                }

                switch (pending.Schedule.Check(now))
                {
                    case RetransmissionStep.Retransmit:
                        // RFC 5176 §2.3: unchanged content keeps Id, authenticator and source port: the same bytes again.
                        pending.Schedule.OnRetransmitted(now);
                        _channel.CountRetransmission(pending.RequestCode);
                        if (!TrySend(pending))
                        {
                            pending.DecidedOutcome = ForwardOutcome.Unreachable;
                            RemoveLocked(pending);
                            finished.Add(pending);
                        }

                        break;
                    case RetransmissionStep.GiveUp:
                        pending.DecidedOutcome = ForwardOutcome.TimedOut;
                        RemoveLocked(pending);
                        finished.Add(pending);
                        break;
                }
            }
        }
    }

    /// <summary>Ends <paramref name="pending"/> early (cancellation) if it is still waiting here.</summary>
    public void Cancel(PendingForward pending, ForwardOutcome outcome)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_slots[pending.Identifier], pending))
            {
                return;
            }

            RemoveLocked(pending);
        }

        _channel.Finish(pending, outcome);
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_loop is not null)
        {
            // Off the loop first (and wait out a round that may be using this socket), then close.
            _loop.RemoveAsync(_socket, _registration).Wait(TimeSpan.FromSeconds(5));
        }

        try
        {
            // Wakes the receive loop blocked in recvmmsg (closing alone does not on Linux).
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        FailAll(ForwardOutcome.Cancelled);
        _stop.Dispose();
    }

    private bool TrySend(PendingForward pending)
    {
        try
        {
            // On a receive-loop thread this joins the batch's sendmmsg; a failure then reaches OnSendError and the request
            // keeps its retransmission timers.
            SendBatch.Send(_socket, pending.Buffer.AsSpan(0, pending.Length), null, this);
            return true;
        }
        catch (SocketException e)
        {
            _channel.OnSocketError(e.SocketErrorCode);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void RemoveLocked(PendingForward pending)
    {
        _slots[pending.Identifier] = null;
        _inFlight--;
    }

    private void ReceiveLoop()
    {
        var received = new ReceiveBatch(BatchSize, RadiusPacketLimits.MaxPacketLength, addresses: false, _socket.AddressFamily);
        var sends = new SendBatch(BatchSize, RadiusPacketLimits.MaxPacketLength);
        CancellationToken stop;
        try
        {
            stop = _stop.Token;

            // Dispose shuts the socket down, which wakes the blocking receive; the timeout is only a backstop, so an idle
            // socket sleeps in the kernel.
            _socket.ReceiveTimeout = BackstopTimeoutMilliseconds;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            int count = received.Receive(_socket, out SocketError error);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            if (count == 0)
            {
                if (error is SocketError.OperationAborted or SocketError.Shutdown)
                {
                    break;
                }

                OnReceiveError(error);
                continue;
            }

            // The answers this batch completes are relayed inline on this thread; what they send (answers to clients)
            // leaves in one sendmmsg per socket at the end of the batch.
            sends.Begin();
            try
            {
                Handle(received, count);
            }
            finally
            {
                sends.Flush();
            }
        }
    }

    void IReadableHandler.OnReadable()
    {
        int count = _received!.Receive(_socket, out SocketError error, wait: false);
        if (count == 0)
        {
            OnReceiveError(error);
            return;
        }

        // The loop's send batch is open: the answers these complete leave at the end of the round.
        Handle(_received, count);
    }

    void ISendErrorSink.OnSendError(SocketError error) => _channel.OnSocketError(error);

    /// <summary>A receive that took nothing: ICMP unreachable fails everything in flight; other errors are counted.</summary>
    private void OnReceiveError(SocketError error)
    {
        if (error is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted or SocketError.OperationAborted
            or SocketError.Shutdown)
        {
            return;
        }

        if (IsUnreachable(error))
        {
            // ICMP port/host unreachable on a connected UDP socket: everything in flight here went to that port.
            _channel.OnSocketError(error);
            FailAll(ForwardOutcome.Unreachable);
            return;
        }

        // E.g. an oversized datagram: that answer is lost, the requests keep their timers.
        _channel.OnSocketError(error);
        _channel.CountAnswerCheck(AnswerCheck.Malformed);
    }

    private void Handle(ReceiveBatch received, int count)
    {
        for (int i = 0; i < count; i++)
        {
            try
            {
                OnDatagram(received.Datagram(i));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Never let one datagram stop this socket's receive loop.
                _channel.OnReceiveFailed(e);
            }
        }
    }

    private static bool IsUnreachable(SocketError error) =>
        error is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown;

    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < RadiusPacketLimits.HeaderLength)
        {
            _channel.CountAnswerCheck(AnswerCheck.Malformed);
            return;
        }

        PendingForward? answered;
        lock (_lock)
        {
            answered = _slots[datagram[1]];
            if (answered is null)
            {
                // RFC 5080 §2.2.2: late and duplicate answers are discarded like unsolicited ones.
                _channel.CountDropped();
                return;
            }

            AnswerCheck check = AnswerVerifier.Check(
                datagram,
                answered.Buffer.AsSpan(4, 16),
                answered.RequestCode,
                _channel.Secret,
                answered.AcceptZeroedMessageAuthenticator,
                out int length);
            if (check != AnswerCheck.Valid)
            {
                _channel.CountAnswerCheck(check);
                return;
            }

            datagram[..length].CopyTo(answered.Buffer);
            answered.Length = length;
            RemoveLocked(answered);
        }

        _channel.Finish(answered, ForwardOutcome.Answered);
    }

    private void FailAll(ForwardOutcome outcome)
    {
        List<PendingForward>? failed = null;
        lock (_lock)
        {
            for (int id = 0; id < IdentifierCount; id++)
            {
                PendingForward? pending = _slots[id];
                if (pending is not null)
                {
                    RemoveLocked(pending);
                    (failed ??= []).Add(pending);
                }
            }
        }

        if (failed is not null)
        {
            foreach (PendingForward pending in failed)
            {
                _channel.Finish(pending, outcome);
            }
        }
    }
}
