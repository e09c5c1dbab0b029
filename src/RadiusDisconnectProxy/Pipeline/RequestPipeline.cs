using System.Net;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// The request path of docs/operations.md ("What happens to a request"), cheapest rejection first. <see cref="Process"/> runs synchronously on the receive
/// loop and allocates nothing for a datagram it drops or answers from the duplicate cache; only a driver that waits on
/// I/O continues asynchronously, and its answer is sent from there.
/// </summary>
internal sealed partial class RequestPipeline
{
    /// <summary>The rate-limit slot of the overload warning, after those of the drop reasons.</summary>
    private static int OverloadLogSlot => DropReasonNames.Count;

    /// <summary>The rate-limit slot of the send-failure warning.</summary>
    private static int SendFailedLogSlot => DropReasonNames.Count + 1;
    private readonly ClientRegistry _clients;
    private readonly DuplicateCache _duplicates;
    private readonly PendingRequests _pending;
    private readonly RequestExecutor _executor;
    private readonly ProxyMetrics _metrics;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _logLimiter;
    private readonly RequestContextPool _contexts = new(1024);

    public RequestPipeline(ClientRegistry clients, DuplicateCache duplicates, PendingRequests pending, RequestExecutor executor,
        ProxyMetrics metrics, AuditLog audit, TimeProvider time, ILogger<RequestPipeline> logger)
    {
        _clients = clients;
        _duplicates = duplicates;
        _pending = pending;
        _executor = executor;
        _metrics = metrics;
        _audit = audit;
        _time = time;
        _logger = logger;
        _logLimiter = new LogRateLimiter(time, SendFailedLogSlot + 1);
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            metrics.DuplicateCacheEntries.Set(duplicates.Count);
            metrics.DuplicateCacheEvictions.IncTo(duplicates.Evictions);
            metrics.PendingRequests.Set(pending.Count);
        });
    }

    public PendingRequests Pending => _pending;

    /// <summary>Handles one datagram received from <paramref name="source"/> (which the caller may reuse afterwards).</summary>
    public PipelineOutcome Process(ReadOnlySpan<byte> datagram, SocketAddress source, IAnswerTransport transport)
    {
        if (!SourceAddress.TryRead(source, out SourceAddress from) || _clients.Find(from.Address) is not { } client)
        {
            _metrics.InvalidClientAddresses.Inc();
            return Drop(DropReason.UnknownClient, from);
        }

        if (!datagram.IsEmpty && datagram[0] == (byte)RadiusCode.StatusServer)
        {
            return StatusServer(datagram, client, from, source, transport);
        }

        return Process(datagram, client, new PacketOrigin(from), source, transport);
    }

    /// <summary>
    /// Handles one request from a known <paramref name="client"/>: the UDP path above after its client lookup, and the
    /// RadSec listener for each packet it reads from a connection (the client is known from the connection).
    /// </summary>
    internal PipelineOutcome Process(ReadOnlySpan<byte> datagram, RadiusClient client, in PacketOrigin origin, SocketAddress source,
        IAnswerTransport transport)
    {
        SourceAddress from = origin.From;

        // RFC 5176 §2.3: codes other than 40 and 43 are silently discarded.
        if (datagram.IsEmpty || datagram[0] is not ((byte)RadiusCode.DisconnectRequest or (byte)RadiusCode.CoaRequest))
        {
            client.Metrics.UnknownTypes.Inc();
            return Drop(DropReason.UnknownCode, from);
        }

        CodeMetrics metrics = client.Metrics.For((RadiusCode)datagram[0]);
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader packet) != PacketParseError.None)
        {
            metrics.Malformed.Inc();
            return Drop(metrics, DropReason.Malformed, from);
        }

        // RFC 5176 §2.3 / RFC 2866 §3; a mismatch is silently discarded (RFC 5080 §2.3.3). RADIUS/1.1 has neither
        // authenticator nor Message-Authenticator (RFC 9765 §4, §5.2): TLS authenticated the peer.
        PipelineOutcome dropped;
        if (!origin.Radius11)
        {
            if (!RadiusAuthenticator.VerifyRequestAuthenticator(packet.Span, client.Secret))
            {
                metrics.BadAuthenticators.Inc();
                return Drop(metrics, DropReason.BadRequestAuthenticator, from);
            }

            if (!CheckMessageAuthenticator(packet, client, metrics, from, out dropped))
            {
                return dropped;
            }
        }

        AttributeCheck attributes = AttributeCheck.Run(packet);
        if (!attributes.IsMalformed && !CheckEventTimestamp(attributes, client, metrics, from, out dropped))
        {
            return dropped;
        }

        if (attributes.IsMalformed)
        {
            metrics.Malformed.Inc();
            return Drop(metrics, DropReason.Malformed, from);
        }

        metrics.Requests.Inc();
        // RFC 9765 §4.2.2: RADIUS/1.1 deduplicates on the Token alone (the rest of the authenticator field is reserved).
        var key = origin.Radius11
            ? new DuplicateKey(from, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.Authenticator), origin.Connection)
            : new DuplicateKey(from, packet.Identifier, origin.Connection);
        Span<byte> tokenOnly = stackalloc byte[16];
        if (origin.Radius11)
        {
            packet.Authenticator[..4].CopyTo(tokenOnly);
        }

        ReadOnlySpan<byte> authenticator = origin.Radius11 ? tokenOnly : packet.Authenticator;
        switch (_duplicates.Begin(key, authenticator, client.Security.DuplicateWindow, out DuplicateEntry entry))
        {
            case DuplicateStatus.Retransmission:
                metrics.Duplicates.Inc();
                if (entry.Answer is not { Length: > 0 } cached)
                {
                    // Its first copy was dropped as unanswerable: the retransmission gets the same outcome.
                    return Drop(metrics, DropReason.Unanswerable, from);
                }

                transport.Send(cached, source);
                return PipelineOutcome.Replayed;
            case DuplicateStatus.InProgress:
                metrics.Duplicates.Inc();
                return Drop(metrics, DropReason.DuplicateInProgress, from);
        }

        return Accept(packet, client, metrics, origin, source, transport, entry);
    }

    private PipelineOutcome Accept(RadiusPacketReader packet, RadiusClient client, CodeMetrics metrics, in PacketOrigin origin,
        SocketAddress source, IAnswerTransport transport, DuplicateEntry entry)
    {
        long start = _time.GetTimestamp();
        DynamicAuthorizationRequest request = RequestDecoder.Decode(packet, client, client.EndPoint(origin.From));
        RequestContext context = _contexts.Rent();
        context.Set(client, metrics, source, transport, entry, request, start, origin.Radius11);
        if (!_pending.TryEnter())
        {
            // Overloaded: answer now and forget the entry, so the DAC's retransmission gets a fresh chance.
            if (_logLimiter.ShouldLog(OverloadLogSlot))
            {
                PipelineLog.Overloaded(_logger, _pending.MaxPending, request.Code.ToString(), packet.Identifier, client.Name);
            }

            Answer(context, new ExecutionOutcome(DriverResult.Nak(ErrorCause.ResourcesUnavailable, "overloaded"), null), cache: false);
            _contexts.Return(context);
            return PipelineOutcome.Answered;
        }

        ExecutionOutcome? immediate = null;
        ValueTask<ExecutionOutcome> execution = default;
        try
        {
            if (Precheck(request) is { } rejected)
            {
                immediate = new ExecutionOutcome(rejected, null);
            }
            else
            {
                execution = _executor.ExecuteAsync(request);
                if (execution.IsCompletedSuccessfully)
                {
                    immediate = execution.Result;
                }
            }
        }
        catch (Exception ex)
        {
            PipelineLog.DriverFailed(_logger, ex, "pipeline", "-");
            immediate = new ExecutionOutcome(DriverResult.Nak(ErrorCause.ResourcesUnavailable, "internal error"), null);
        }

        if (immediate is { } outcome)
        {
            Finish(context, outcome);
            return PipelineOutcome.Answered;
        }

        // Only here does the request leave the receive loop: the driver waits on I/O and answers from its continuation
        // (the context's cached callback: no state machine or closure per request).
        context.Await(this, execution);
        return PipelineOutcome.Dispatched;
    }

    /// <summary>The identification checks the proxy makes itself before routing (RFC 5176 §3, docs/operations.md).</summary>
    private static DriverResult? Precheck(DynamicAuthorizationRequest request)
    {
        // RFC 5176 §3.2 / table §3.6: Service-Type must not appear in a Disconnect-Request.
        if (request.IsDisconnect && request.ServiceType is not null)
        {
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute, "Service-Type in a Disconnect-Request");
        }

        // RFC 5176 §3: at least one session identification attribute.
        return request.Keys.HasSessionIdentification
            ? null
            : DriverResult.Nak(ErrorCause.MissingAttribute, "no session identification attribute");
    }

    /// <summary>The driver's asynchronous outcome is ready (called once per dispatched request, on the completing thread).</summary>
    internal void Complete(RequestContext context, ValueTask<ExecutionOutcome> execution)
    {
        ExecutionOutcome outcome;
        try
        {
            // Consuming the result also returns a pooled state machine behind the ValueTask to its pool.
            outcome = execution.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            PipelineLog.DriverFailed(_logger, ex, "pipeline", "-");
            outcome = new ExecutionOutcome(DriverResult.Nak(ErrorCause.ResourcesUnavailable, "internal error"), null);
        }

        Finish(context, outcome);
    }

    private void Finish(RequestContext context, ExecutionOutcome outcome)
    {
        try
        {
            Answer(context, outcome, cache: true);
        }
        finally
        {
            _contexts.Return(context);
            _pending.Exit();
        }
    }
}
