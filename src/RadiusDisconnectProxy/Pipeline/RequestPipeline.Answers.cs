using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

internal sealed partial class RequestPipeline
{
    /// <summary>
    /// The answer is built here, then copied out at its length. A per-thread buffer rather than a 4096-octet stackalloc,
    /// which the runtime zeroes on every answer (a visible memset in the forwarding profile, loadtests/README.md).
    /// </summary>
    [ThreadStatic]
    private static byte[]? t_answerBuffer;

    /// <summary>
    /// Builds, caches (unless told not to), sends, counts and audits the answer. Never throws. An authentic request has
    /// exactly one outcome: this answer, or (when it cannot be built within 4096 octets) a counted drop with a
    /// rate-limited warning; either is remembered so that retransmissions never run the request again (RFC 5080 §2.2.2).
    /// </summary>
    private void Answer(RequestContext context, ExecutionOutcome outcome, bool cache)
    {
        RadiusClient client = context.Client;
        ReadOnlySpan<byte> request = context.Request.Packet.Span;
        byte[] answer;
        string? failure;
        AnswerTrim trimmed = AnswerTrim.None;
        try
        {
            Span<byte> buffer = t_answerBuffer ??= new byte[RadiusPacketLimits.MaxPacketLength];
            int length = AnswerBuilder.Build(buffer, request, outcome.Result.IsAck, outcome.Result.ErrorCause, outcome.Result.RelayedAttributes,
                client.Security.ResponseMessageAuthenticator && !context.Radius11, client.Secret, out trimmed);
            if (length >= 0 && context.Radius11)
            {
                // RFC 9765 §4: the answer carries the request's Token where the Response Authenticator was.
                Radius11Header.ToAnswer(buffer[..length], request);
            }

            answer = length < 0 ? DuplicateEntry.NoAnswer : buffer[..length].ToArray();
            failure = length < 0 ? "the echoed Proxy-State alone exceeds 4096 octets" : null;
        }
        catch (Exception ex)
        {
            answer = DuplicateEntry.NoAnswer;
            failure = ex.GetType().Name + ": " + ex.Message;
        }

        if (failure is not null)
        {
            context.Metrics.Dropped(DropReason.Unanswerable);
            if (_logLimiter.ShouldLog((int)DropReason.Unanswerable))
            {
                PipelineLog.AnswerFailed(_logger, context.Request.Code.ToString(), request[1], client.Name, failure);
            }

            DuplicateCache.Complete(context.Entry, answer);
            return;
        }

        if (trimmed != AnswerTrim.None && _logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            PipelineLog.AnswerTrimmed(_logger, context.Request.Code.ToString(), request[1], client.Name, trimmed.ToString());
        }

        if (cache)
        {
            DuplicateCache.Complete(context.Entry, answer);
        }
        else
        {
            _duplicates.Forget(context.Entry);
        }

        try
        {
            context.Transport.Send(answer, context.Source);
        }
        catch (Exception ex)
        {
            // The DAC retransmits and gets the cached answer; nothing else to do.
            if (_logLimiter.ShouldLog(SendFailedLogSlot))
            {
                PipelineLog.AnswerSendFailed(_logger, context.Request.Code.ToString(), request[1], client.Name, ex.GetType().Name + ": " + ex.Message);
            }
        }

        TimeSpan latency = _time.GetElapsedTime(context.StartTimestamp);
        context.Metrics.Latency.Observe(latency.TotalSeconds);
        Radius.Attributes.ErrorCause? sentCause = AnswerErrorCause(answer);
        if (outcome.Result.IsAck)
        {
            context.Metrics.Acks.Inc();
        }
        else
        {
            context.Metrics.Nak(sentCause);
        }

        _audit.Write(new AuditEntry(_time.GetUtcNow(), client.Name, context.Request.Client, context.Request.Code, request[1],
            context.Request.Keys, outcome.Nas, outcome.Result.IsAck, sentCause, latency, outcome.Result.Detail));
    }

    /// <summary>The Error-Cause actually sent (relayed or ours), for counting and audit.</summary>
    private static Radius.Attributes.ErrorCause? AnswerErrorCause(ReadOnlySpan<byte> answer)
    {
        if (RadiusPacketReader.TryParse(answer, out RadiusPacketReader packet) == PacketParseError.None
            && packet.TryGetAttribute(Radius.Attributes.RadiusAttributeType.ErrorCause, out ReadOnlySpan<byte> value) && value.Length == 4)
        {
            return (Radius.Attributes.ErrorCause)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(value);
        }

        return null;
    }
}
