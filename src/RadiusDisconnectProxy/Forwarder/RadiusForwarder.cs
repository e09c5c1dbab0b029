using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Net;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Forwards an authenticated Disconnect-/CoA-Request to an RFC 5176 DAS as a new request (RFC 5176 §3.1: new
/// Identifier, re-signed with the DAS's secret, Message-Authenticator recomputed, encrypt=2 values re-keyed, one
/// Proxy-State appended or none), retransmits on RFC 5080 §2.2.1 timers, and returns the DAS's verified ACK/NAK as a
/// <see cref="ForwardResult"/> to relay. A shared transport: it knows no driver; drivers
/// reach it through <c>Drivers/ForwarderExtensions</c>. Never throws for NAS trouble: no answer after the last
/// retransmission is NAK 505, a socket error, ICMP unreachable or no free Identifier is NAK 506.
/// </summary>
public sealed class RadiusForwarder : IAsyncDisposable
{
    private static readonly Action<object?> s_cancel = static state =>
    {
        var pending = (PendingForward)state!;
        pending.Socket?.Cancel(pending, ForwardOutcome.Cancelled);
    };

    private readonly ForwardingOptions _options;
    private readonly SaltEncryptedAttributes _encrypted;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(IPEndPoint Endpoint, string Secret), NasChannel> _channels = new();
    private readonly ConcurrentDictionary<(IPEndPoint Endpoint, string Secret), ForwardingTarget> _defaultTargets = new();
    private readonly PendingForwardPool _pool = new(8192);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _timerLoop;

    // The retransmission scan runs only while something is in flight: idle, the timer loop sleeps on _armed (no wake-ups).
    private readonly SemaphoreSlim _armed = new(0);
    private readonly IoLoop? _loop;
    private readonly ScanTimer? _loopTimer;
    private readonly long _resolutionTicks;
    private long _nextScan;
    private int _inFlight;
    private int _sleeping;
    private volatile NasChannel[] _channelList = [];

    /// <param name="dictionary">The loaded dictionary: its encrypt=2 attributes are the ones re-keyed.</param>
    public RadiusForwarder(ForwardingOptions options, RadiusDictionary dictionary, ILogger<RadiusForwarder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _encrypted = SaltEncryptedAttributes.From(dictionary);
        _logger = logger;
        _resolutionTicks = Math.Max(1, (long)(options.TimerResolution.TotalSeconds * Stopwatch.Frequency));

        // On Linux the scan runs on the IoLoop that also receives the NASes' answers (no timer thread, no thread-pool hop).
        _loop = IoLoop.Shared;
        if (_loop is not null)
        {
            _loopTimer = new ScanTimer(this);
            _loop.AddTimer(_loopTimer);
            _timerLoop = Task.CompletedTask;
        }
        else
        {
            _timerLoop = Task.Run(TimerLoopAsync);
        }
    }

    /// <summary>Forwards with default policy (Proxy-State appended, strict Message-Authenticator, RFC 5080 default timers).</summary>
    public ValueTask<ForwardResult> ForwardAsync(
        ForwardRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(secret);

        // One target per (endpoint, secret): the secret's HMAC state is computed once, not per request.
        ForwardingTarget target = _defaultTargets.GetOrAdd((endpoint, secret), static key => new ForwardingTarget(key.Endpoint, key.Secret));
        return ForwardAsync(request, target, cancellationToken);
    }

    /// <summary>Forwards <paramref name="request"/> to <paramref name="target"/> and waits for its answer or the last timer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ForwardResult> ForwardAsync(
        ForwardRequest request, ForwardingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        NasChannel channel = target.Channel ??= GetChannel(target);
        PendingForward pending = _pool.Rent();
        ForwardBuildStatus status = Build(pending, request, target, channel.Secret, _encrypted);
        if (status != ForwardBuildStatus.Ok)
        {
            _pool.Return(pending);
            ForwardingLog.NotForwarded(_logger, request.Client, target.Endpoint, status);
            return status == ForwardBuildStatus.BadEncryptedAttribute
                ? ForwardResult.Nak(ErrorCause.InvalidAttributeValue, "encrypted attribute cannot be decrypted")
                : ForwardResult.Nak(ErrorCause.OtherProxyProcessingError, "request cannot be forwarded (too long or malformed)");
        }

        if (!await channel.AcquireIdentifierAsync(cancellationToken))
        {
            _pool.Return(pending);
            return ForwardResult.Nak(ErrorCause.ResourcesUnavailable, "no free Identifier toward the NAS");
        }

        UpstreamSocket? socket = channel.Assign(pending);
        if (socket is null)
        {
            channel.ReleaseIdentifier();
            _pool.Return(pending);
            return ForwardResult.Nak(ErrorCause.ResourcesUnavailable, "no upstream socket toward the NAS");
        }

        pending.Buffer[1] = pending.Identifier;
        RadiusAuthenticator.SignRequest(pending.Buffer.AsSpan(0, pending.Length), channel.Secret);
        channel.CountRequest(pending.RequestCode);
        if (!socket.TrySendFirst(pending))
        {
            Interlocked.Increment(ref channel.Statistics._unreachable);
            _pool.Return(pending);
            return ForwardResult.Nak(ErrorCause.ResourcesUnavailable, "NAS unreachable");
        }

        if (Interlocked.Increment(ref _inFlight) == 1)
        {
            if (_loop is not null)
            {
                // First in flight: the next scan is one resolution from now; a loop asleep without timeout must look again.
                Volatile.Write(ref _nextScan, Stopwatch.GetTimestamp() + _resolutionTicks);
                _loop.Wake();
            }
            else if (Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                _armed.Release();
            }
        }

        CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(s_cancel, pending)
            : default;
        ForwardOutcome outcome = await pending.WaitAsync();
        Interlocked.Decrement(ref _inFlight);
        await registration.DisposeAsync();

        ForwardResult result = outcome switch
        {
            ForwardOutcome.Answered => RelayedAnswer.ToResult(pending.Buffer.AsSpan(0, pending.Length)),
            ForwardOutcome.TimedOut => ForwardResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS did not answer"),
            ForwardOutcome.Unreachable => ForwardResult.Nak(ErrorCause.ResourcesUnavailable, "NAS unreachable"),
            _ => ForwardResult.Nak(ErrorCause.ResourcesUnavailable, "forwarding cancelled"),
        };
        _pool.Return(pending);
        return result;
    }

    /// <summary>Counters per NAS DAS this forwarder has talked to.</summary>
    public IReadOnlyList<KeyValuePair<IPEndPoint, ForwardingStatistics>> GetStatistics()
    {
        var list = new List<KeyValuePair<IPEndPoint, ForwardingStatistics>>();
        foreach (NasChannel channel in _channels.Values)
        {
            list.Add(new(channel.Endpoint, channel.Statistics));
        }

        return list;
    }

    /// <summary>Counters toward one DAS (null before the first request to it).</summary>
    public ForwardingStatistics? GetStatistics(ForwardingTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _channels.TryGetValue((target.Endpoint, target.SecretText), out NasChannel? channel) ? channel.Statistics : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _timerLoop;
        if (_loop is not null)
        {
            await _loop.RemoveTimerAsync(_loopTimer!);
        }

        foreach (NasChannel channel in _channels.Values)
        {
            channel.Dispose();
        }

        _stop.Dispose();
        _armed.Dispose();
    }

    private NasChannel GetChannel(ForwardingTarget target)
    {
        NasChannel channel = _channels.GetOrAdd(
            (target.Endpoint, target.SecretText),
            static (_, state) => new NasChannel(state.Target.Endpoint, state.Target.Secret, state.Options, state.Logger),
            (Target: target, Options: _options, Logger: _logger));
        if (Array.IndexOf(_channelList, channel) < 0)
        {
            lock (_stop)
            {
                // A snapshot for the timer scan, which would otherwise copy the dictionary's values on every tick.
                _channelList = [.. _channels.Values];
            }
        }

        return channel;
    }

    private static ForwardBuildStatus Build(
        PendingForward pending, ForwardRequest request, ForwardingTarget target, SharedSecret nasSecret, SaltEncryptedAttributes encrypted)
    {
        ReadOnlySpan<byte> original = request.Packet.Span;

        // Our Proxy-State: the client's Identifier in ASCII decimal (as FreeRADIUS does); opaque to the NAS, and we
        // match answers by (socket, Identifier), never by its content.
        Span<byte> proxyState = stackalloc byte[3];
        int proxyStateLength = 0;
        if (original.Length > 1)
        {
            original[1].TryFormat(proxyState, out proxyStateLength, default, null);
        }

        pending.RequestCode = request.Code;
        pending.AcceptZeroedMessageAuthenticator = target.AcceptZeroedMessageAuthenticator;
        pending.Timers = target.Timers;
        ForwardBuildStatus status = ForwardedRequestBuilder.Build(
            original, pending.Buffer, request.ClientSecret.Span, nasSecret.Bytes, target.StripProxyState,
            proxyState[..proxyStateLength], encrypted, out int length, request.Keys);
        pending.Length = length;
        return status;
    }

    /// <summary>Retransmits what is due and finishes what timed out, on every channel.</summary>
    private void Scan(long now, List<PendingForward> finished)
    {
        foreach (NasChannel channel in _channelList)
        {
            try
            {
                channel.Scan(now, finished);
                foreach (PendingForward pending in finished)
                {
                    channel.Finish(pending, pending.DecidedOutcome);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug must not stop the timers: without them requests would wait for ever.
                ForwardingLog.TimerLoopFailed(_logger, e);
            }

            finished.Clear();
        }
    }

    /// <summary>The retransmission scan as an <see cref="ILoopTimer"/>: due every resolution while anything is in flight.</summary>
    private sealed class ScanTimer(RadiusForwarder forwarder) : ILoopTimer
    {
        private readonly List<PendingForward> _finished = [];

        public long Due => Volatile.Read(ref forwarder._inFlight) == 0 || forwarder._stop.IsCancellationRequested
            ? long.MaxValue
            : Volatile.Read(ref forwarder._nextScan);

        public void OnDue(long now)
        {
            Volatile.Write(ref forwarder._nextScan, now + forwarder._resolutionTicks);
            forwarder.Scan(now, _finished);
        }
    }

    private async Task TimerLoopAsync()
    {
        var finished = new List<PendingForward>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Volatile.Read(ref _inFlight) == 0)
                {
                    // Announce the sleep first (a full fence), then look again: a sender that saw _sleeping set releases us.
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _inFlight) == 0 || Interlocked.Exchange(ref _sleeping, 0) == 0)
                    {
                        await _armed.WaitAsync(_stop.Token).ConfigureAwait(false);
                    }

                    continue;
                }

                await Task.Delay(_options.TimerResolution, _stop.Token).ConfigureAwait(false);
                Scan(Stopwatch.GetTimestamp(), finished);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
