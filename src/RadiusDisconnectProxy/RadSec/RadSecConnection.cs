using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// One authenticated RadSec connection: reads RFC 6613 frames (the RADIUS Length field delimits packets) and hands each
/// to the same pipeline entry as UDP, with this connection as the answer transport. Answers from any thread are queued
/// and written by one writer loop, several per TLS record when they pile up. Closed on a bad Length, on
/// <c>idle_timeout</c> without a complete packet, when the peer closes, on shutdown after the requests in flight
/// are answered, or when a reload retires it (<see cref="Retire"/>: its client was removed or would no longer accept
/// it), after the requests it already carried are answered.
/// </summary>
internal sealed class RadSecConnection : IAnswerTransport
{
    private const int HeaderLength = 4;
    private const int MaxQueuedAnswers = 1024;
    private static readonly long s_idleResetGranularity = 1000;

    private readonly SslStream _stream;
    private readonly RadSecClient _client;
    private readonly RequestPipeline _pipeline;
    private readonly RadSecMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SocketAddress _remote;
    private readonly PacketOrigin _origin;
    private readonly TimeSpan _idleTimeout;
    private readonly Channel<(byte[] Buffer, int Length)> _answers =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(MaxQueuedAnswers) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The connection whose read loop runs on this thread: an answer sent from it is not a dispatched one.</summary>
    [ThreadStatic]
    private static RadSecConnection? t_reading;

    private readonly CancellationTokenSource _retire = new();
    private volatile string? _closeReason;
    private int _dispatched;
    private TaskCompletionSource? _answered;
    private TimeSpan _retireDeadline;

    public RadSecConnection(SslStream stream, RadSecClient client, RequestPipeline pipeline, RadSecMetrics metrics, ILogger logger,
        IPEndPoint remote, long id, bool radius11, TimeSpan idleTimeout)
    {
        _stream = stream;
        _client = client;
        _pipeline = pipeline;
        _metrics = metrics;
        _logger = logger;
        _remote = remote.Serialize();
        SourceAddress.TryRead(_remote, out SourceAddress from);
        _origin = new PacketOrigin(from, id, radius11);
        _idleTimeout = idleTimeout;
        Remote = remote;
    }

    public IPEndPoint Remote { get; }

    public long Id => _origin.Connection;

    /// <summary>The client entry the connection was accepted for.</summary>
    public RadSecClient Owner => _client;

    public UInt128 RemoteAddress => _origin.From.Address;

    /// <summary>The subject DN of the certificate the peer presented (for a reload's certificate_subject check).</summary>
    public string? PeerSubject { get; init; }

    /// <summary>
    /// Stops reading; the requests already read are answered (up to <paramref name="deadline"/>, the longest a driver
    /// may take), then the connection closes with <paramref name="reason"/>. Idempotent; any thread.
    /// </summary>
    public void Retire(string reason, TimeSpan deadline)
    {
        if (_closeReason is not null)
        {
            return;
        }

        _retireDeadline = deadline;
        _closeReason = reason;
        try
        {
            _retire.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    /// <summary>Reads and answers until the connection ends; returns why it ended. <paramref name="drained"/> is awaited on shutdown.</summary>
    public async Task<string> RunAsync(CancellationToken stopping, Func<Task> drained)
    {
        Task writer = WriteLoopAsync();
        string reason;
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping, _retire.Token))
        {
            reason = await ReadLoopAsync(idle, stopping).ConfigureAwait(false);
        }

        if (_retire.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Retired by a reload: the requests this connection carried are answered on it before it closes.
            await WhenAnsweredAsync(stopping).ConfigureAwait(false);
        }

        if (stopping.IsCancellationRequested)
        {
            // Shutdown: every request already read still gets its answer on this connection (DESIGN.md: exactly one answer).
            await drained().ConfigureAwait(false);
        }

        _answers.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        _retire.Dispose();
        return _closeReason ?? reason;
    }

    /// <summary>Completes when every dispatched request of this connection was answered, at the deadline, or on shutdown.</summary>
    private async Task WhenAnsweredAsync(CancellationToken stopping)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _answered, answered);
        if (Volatile.Read(ref _dispatched) <= 0)
        {
            return;
        }

        try
        {
            await answered.Task.WaitAsync(_retireDeadline, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // A driver past its deadline, or shutdown (which waits for the pipeline to drain instead).
        }
    }

    private async Task<string> ReadLoopAsync(CancellationTokenSource idle, CancellationToken stopping)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4 * RadiusPacketLimits.MaxPacketLength);
        int start = 0, end = 0;
        long lastReset = Environment.TickCount64;
        idle.CancelAfter(_idleTimeout);
        try
        {
            while (true)
            {
                // RFC 6613 §2.1: packets follow each other on the stream, each as long as its Length field says.
                while (end - start >= HeaderLength)
                {
                    int length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(start + 2));
                    if (length is < RadiusPacketLimits.HeaderLength or > RadiusPacketLimits.MaxPacketLength)
                    {
                        // RFC 6613 §2.6.4: the stream cannot be re-synchronised after a bad Length; close it.
                        _metrics.FramingErrors.Inc();
                        return $"bad Length field {length}";
                    }

                    if (end - start < length)
                    {
                        break;
                    }

                    Handle(buffer.AsSpan(start, length));
                    start += length;
                    long now = Environment.TickCount64;
                    if (now - lastReset >= s_idleResetGranularity)
                    {
                        idle.CancelAfter(_idleTimeout);
                        lastReset = now;
                    }
                }

                if (start == end)
                {
                    start = end = 0;
                }
                else if (buffer.Length - start < RadiusPacketLimits.MaxPacketLength)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (_closeReason is { } closing)
                {
                    return closing;
                }

                int read;
                try
                {
                    read = await _stream.ReadAsync(buffer.AsMemory(end), idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return stopping.IsCancellationRequested ? "shutdown"
                        : _closeReason ?? $"idle for {_idleTimeout.TotalSeconds:0} s";
                }
                catch (Exception ex) when (ex is IOException or AuthenticationException or ObjectDisposedException)
                {
                    return "read failed: " + ex.Message;
                }

                if (read == 0)
                {
                    return end == start ? "closed by the peer" : "closed by the peer inside a packet";
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(ReadOnlySpan<byte> packet)
    {
        t_reading = this;
        try
        {
            if (packet[0] == (byte)RadiusCode.StatusServer)
            {
                AnswerStatusServer(packet);
                return;
            }

            if (_origin.Radius11 && Radius11Attributes.CarriesObfuscated(packet))
            {
                RadSecLog.ObfuscatedAttributeDropped(_logger, Id);
                return;
            }

            if (_pipeline.Process(packet, _client.Client, _origin, _remote, this) == PipelineOutcome.Dispatched)
            {
                // Its answer comes from a driver's continuation (Send below); a retiring connection waits for it.
                Interlocked.Increment(ref _dispatched);
            }
        }
        catch (Exception ex)
        {
            // The pipeline turns bad input into drops; this is a bug, and one packet must not end the connection.
            RadSecLog.ProcessingFailed(_logger, ex, Id);
        }
        finally
        {
            t_reading = null;
        }
    }

    private void AnswerStatusServer(ReadOnlySpan<byte> packet)
    {
        Span<byte> answer = stackalloc byte[64];
        StatusServerAnswer.Status status = StatusServerAnswer.TryBuild(packet, _client.Client.Secret, _origin.Radius11, answer, out int length);
        if (status != StatusServerAnswer.Status.Answered)
        {
            RadSecLog.StatusServerDropped(_logger, Id, status.ToString());
            return;
        }

        _metrics.StatusServers.WithLabels(_client.Name).Inc();
        Send(answer[..length], _remote);
    }

    /// <summary>Queues an answer (from the read loop or a driver's continuation); the writer loop sends it.</summary>
    public void Send(ReadOnlySpan<byte> answer, SocketAddress destination)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(answer.Length);
        answer.CopyTo(copy);
        if (!_answers.Writer.TryWrite((copy, answer.Length)))
        {
            ArrayPool<byte>.Shared.Return(copy);
            // Closed (the answer of a closed connection is never delivered, RFC 6613 §2.6.1), or a peer that stopped
            // reading while sending: end it rather than queue without bound.
            _closeReason ??= "the peer does not read its answers";
            _answers.Writer.TryComplete();
        }

        // After queueing: a retiring connection closes its writer once the last dispatched answer is in the queue.
        if (t_reading != this && Interlocked.Decrement(ref _dispatched) <= 0)
        {
            Volatile.Read(ref _answered)?.TrySetResult();
        }
    }

    private async Task WriteLoopAsync()
    {
        byte[] batch = new byte[4 * RadiusPacketLimits.MaxPacketLength];
        ChannelReader<(byte[] Buffer, int Length)> reader = _answers.Reader;
        bool broken = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int filled = 0;
            while (filled + RadiusPacketLimits.MaxPacketLength <= batch.Length && reader.TryRead(out (byte[] Buffer, int Length) answer))
            {
                answer.Buffer.AsSpan(0, answer.Length).CopyTo(batch.AsSpan(filled));
                filled += answer.Length;
                ArrayPool<byte>.Shared.Return(answer.Buffer);
            }

            if (broken || filled == 0)
            {
                continue;
            }

            try
            {
                await _stream.WriteAsync(batch.AsMemory(0, filled)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                // Keep draining (returning buffers) until the read side ends.
                broken = true;
                _closeReason ??= "write failed: " + ex.Message;
            }
        }
    }
}
