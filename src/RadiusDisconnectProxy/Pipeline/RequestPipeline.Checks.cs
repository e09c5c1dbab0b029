using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

internal sealed partial class RequestPipeline
{
    /// <summary>
    /// RFC 5176 §3.4 / RFC 3579 §3.2: a Message-Authenticator that is present must be valid (else a silent drop); a
    /// missing one is dropped where the client's <c>require_message_authenticator</c> demands it.
    /// </summary>
    private bool CheckMessageAuthenticator(RadiusPacketReader packet, RadiusClient client, CodeMetrics metrics, SourceAddress from,
        out PipelineOutcome dropped)
    {
        dropped = PipelineOutcome.Dropped;
        switch (RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, default, client.Secret))
        {
            case MessageAuthenticatorStatus.Valid:
                if (client.NoteValidMessageAuthenticator())
                {
                    PipelineLog.MessageAuthenticatorNowRequired(_logger, client.Name);
                }

                return true;
            case MessageAuthenticatorStatus.Invalid:
                metrics.BadAuthenticators.Inc();
                Drop(metrics, DropReason.BadMessageAuthenticator, from);
                return false;
            default:
                if (client.RequiresMessageAuthenticator)
                {
                    Drop(metrics, DropReason.MissingMessageAuthenticator, from);
                    return false;
                }

                return true;
        }
    }

    /// <summary>RFC 5176 §6.3 replay protection: Event-Timestamp within the window (and present where required).</summary>
    private bool CheckEventTimestamp(AttributeCheck attributes, RadiusClient client, CodeMetrics metrics, SourceAddress from,
        out PipelineOutcome dropped)
    {
        dropped = PipelineOutcome.Dropped;
        if (!attributes.HasEventTimestamp)
        {
            if (client.Security.RequireEventTimestamp)
            {
                Drop(metrics, DropReason.MissingEventTimestamp, from);
                return false;
            }

            return true;
        }

        long skew = Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - attributes.EventTimestampSeconds);
        if (skew > client.Security.EventTimestampWindow.TotalSeconds)
        {
            Drop(metrics, DropReason.EventTimestampOutsideWindow, from);
            return false;
        }

        return true;
    }

    private PipelineOutcome Drop(CodeMetrics metrics, DropReason reason, SourceAddress from)
    {
        metrics.Dropped(reason);
        return Drop(reason, from);
    }

    private PipelineOutcome Drop(DropReason reason, SourceAddress from)
    {
        if (_logger.IsEnabled(LogLevel.Debug) && _logLimiter.ShouldLog((int)reason))
        {
            PipelineLog.Dropped(_logger, from.ToString(), reason.ToLabel());
        }

        return PipelineOutcome.Dropped;
    }
}
