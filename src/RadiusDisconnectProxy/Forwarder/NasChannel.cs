using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Everything toward one NAS DAS (endpoint + secret): a lazily grown set of <see cref="UpstreamSocket"/>s, each with
/// its own 256-Identifier space, so more than 256 requests can be in flight without reusing an Identifier (reference
/// A.1). Capacity is a semaphore of sockets × 256: beyond it a request waits (bounded) for a free Identifier or gets
/// NAK 506 — requests are never dropped silently and two in flight never share (socket, Identifier).
/// </summary>
internal sealed class NasChannel : IDisposable
{
    private readonly ForwardingOptions _options;
    private readonly ILogger _logger;
    private readonly UpstreamSocket?[] _sockets;
    private readonly SemaphoreSlim _capacity;
    private readonly Lock _lock = new();
    private int _socketCount;
    private int _next;
    private bool _disposed;

    public NasChannel(IPEndPoint endpoint, SharedSecret secret, ForwardingOptions options, ILogger logger)
    {
        Endpoint = endpoint;
        Secret = secret;
        _options = options;
        _logger = logger;
        _sockets = new UpstreamSocket?[options.MaxSocketsPerNas];
        _capacity = new SemaphoreSlim(options.MaxSocketsPerNas * UpstreamSocket.IdentifierCount);
    }

    public IPEndPoint Endpoint { get; }

    public SharedSecret Secret { get; }

    public ForwardingStatistics Statistics { get; } = new();

    /// <summary>Reserves one Identifier somewhere in this channel: immediately, or after a bounded wait.</summary>
    public ValueTask<bool> AcquireIdentifierAsync(CancellationToken cancellationToken)
    {
        if (_capacity.Wait(0, CancellationToken.None))
        {
            return ValueTask.FromResult(true);
        }

        Interlocked.Increment(ref Statistics._identifierWaits);
        return WaitForIdentifierAsync(cancellationToken);
    }

    public void ReleaseIdentifier() => _capacity.Release();

    /// <summary>Puts <paramref name="pending"/> into a free slot (opening another socket if all are full); null on failure.</summary>
    public UpstreamSocket? Assign(PendingForward pending)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return null;
            }

            int count = _socketCount;
            int start = count == 0 ? 0 : (int)((uint)_next++ % (uint)count);
            for (int i = 0; i < count; i++)
            {
                UpstreamSocket socket = _sockets[(start + i) % count]!;
                if (socket.TryAdd(pending))
                {
                    return socket;
                }
            }

            if (count == _sockets.Length)
            {
                return null;
            }

            UpstreamSocket opened;
            try
            {
                opened = UpstreamSocket.Open(this, _options);
            }
            catch (SocketException e)
            {
                ForwardingLog.SocketOpenFailed(_logger, Endpoint, e.SocketErrorCode);
                return null;
            }

            _sockets[count] = opened;
            Volatile.Write(ref _socketCount, count + 1);
            Interlocked.Increment(ref Statistics._sockets);
            ForwardingLog.SocketOpened(_logger, Endpoint, count + 1);
            return opened.TryAdd(pending) ? opened : null;
        }
    }

    public void Scan(long now, List<PendingForward> finished)
    {
        int count = Volatile.Read(ref _socketCount);
        for (int i = 0; i < count; i++)
        {
            _sockets[i]!.Scan(now, finished);
        }
    }

    /// <summary>Frees the Identifier of a request already removed from its slot, counts it, and wakes its caller.</summary>
    public void Finish(PendingForward pending, ForwardOutcome outcome)
    {
        ReleaseIdentifier();
        bool disconnect = pending.RequestCode == RadiusCode.DisconnectRequest;
        switch (outcome)
        {
            case ForwardOutcome.Answered when pending.Buffer[0] is (byte)RadiusCode.DisconnectAck:
                Interlocked.Increment(ref Statistics._disconAcks);
                break;
            case ForwardOutcome.Answered when pending.Buffer[0] is (byte)RadiusCode.DisconnectNak:
                Interlocked.Increment(ref Statistics._disconNaks);
                break;
            case ForwardOutcome.Answered when pending.Buffer[0] is (byte)RadiusCode.CoaAck:
                Interlocked.Increment(ref Statistics._coaAcks);
                break;
            case ForwardOutcome.Answered:
                Interlocked.Increment(ref Statistics._coaNaks);
                break;
            case ForwardOutcome.TimedOut when disconnect:
                Interlocked.Increment(ref Statistics._disconTimeouts);
                break;
            case ForwardOutcome.TimedOut:
                Interlocked.Increment(ref Statistics._coaTimeouts);
                break;
            case ForwardOutcome.Unreachable:
                Interlocked.Increment(ref Statistics._unreachable);
                break;
        }

        pending.Complete(outcome);
    }

    public void CountRequest(RadiusCode code)
    {
        if (code == RadiusCode.DisconnectRequest)
        {
            Interlocked.Increment(ref Statistics._disconRequests);
        }
        else
        {
            Interlocked.Increment(ref Statistics._coaRequests);
        }
    }

    public void CountRetransmission(RadiusCode code)
    {
        if (code == RadiusCode.DisconnectRequest)
        {
            Interlocked.Increment(ref Statistics._disconRetransmissions);
        }
        else
        {
            Interlocked.Increment(ref Statistics._coaRetransmissions);
        }
    }

    public void CountDropped() => Interlocked.Increment(ref Statistics._packetsDropped);

    public void CountAnswerCheck(AnswerCheck check)
    {
        if (check == AnswerCheck.Malformed)
        {
            Interlocked.Increment(ref Statistics._malformedResponses);
        }
        else if (check == AnswerCheck.UnexpectedCode)
        {
            Interlocked.Increment(ref Statistics._unknownTypes);
        }
        else
        {
            Interlocked.Increment(ref Statistics._badAuthenticators);
        }

        ForwardingLog.AnswerDiscarded(_logger, Endpoint, check);
    }

    public void OnSocketError(SocketError error) => ForwardingLog.NasUnreachable(_logger, Endpoint, error);

    public void OnReceiveFailed(Exception exception) => ForwardingLog.ReceiveFailed(_logger, Endpoint, exception);

    public void Dispose()
    {
        UpstreamSocket?[] sockets;
        lock (_lock)
        {
            _disposed = true;
            sockets = _sockets;
        }

        foreach (UpstreamSocket? socket in sockets)
        {
            socket?.Dispose();
        }
    }

    private async ValueTask<bool> WaitForIdentifierAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _capacity.WaitAsync(_options.IdentifierWaitTimeout, cancellationToken))
            {
                return true;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown: answered with NAK 506 like an exhausted Identifier space.
        }

        Interlocked.Increment(ref Statistics._identifierExhausted);
        ForwardingLog.IdentifiersExhausted(_logger, Endpoint);
        return false;
    }
}
