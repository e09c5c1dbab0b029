using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

internal sealed partial class RequestPipeline
{
    /// <summary>Builds, caches (unless told not to), sends, counts and audits the answer. Never throws.</summary>
    private void Answer(RequestContext context, ExecutionOutcome outcome, bool cache)
    {
        RadiusClient client = context.Client;
        ReadOnlySpan<byte> request = context.Request.Packet.Span;
        byte[] answer;
        try
        {
            Span<byte> buffer = stackalloc byte[RadiusPacketLimits.MaxPacketLength];
            int length = AnswerBuilder.Build(buffer, request, outcome.Result.IsAck, outcome.Result.ErrorCause, outcome.Result.RelayedAttributes,
                client.Security.ResponseMessageAuthenticator, client.Secret);
            answer = buffer[..length].ToArray();
        }
        catch (Exception ex)
        {
            PipelineLog.AnswerFailed(_logger, ex, context.Request.Code.ToString(), request[1], client.Name);
            _duplicates.Forget(context.Entry);
            return;
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
            PipelineLog.AnswerFailed(_logger, ex, context.Request.Code.ToString(), request[1], client.Name);
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

        _audit.Write(new AuditEvent(_time.GetUtcNow(), client.Name, context.Request.Client, context.Request.Code, request[1],
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
