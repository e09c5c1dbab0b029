using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

internal sealed partial class RequestPipeline
{
    private const int StatusAnswerLength = RadiusPacketLimits.HeaderLength + 18;

    /// <summary>
    /// Status-Server on the DAS port (RFC 5997; docs/operations.md, "Health checks"): it must carry a valid
    /// Message-Authenticator computed with its own Request Authenticator (§3, else a silent drop), and is answered with
    /// CoA-ACK — the answer FreeRADIUS's <c>status_check = status-server</c> accepts from a <c>type = coa</c> home
    /// server (§4.2: the response code is that of the port's service). Never cached as a duplicate (§3: each probe is
    /// answered afresh) and needs no driver; a draining proxy no longer receives, so it stops answering.
    /// </summary>
    private PipelineOutcome StatusServer(ReadOnlySpan<byte> datagram, RadiusClient client, SourceAddress from,
        System.Net.SocketAddress source, IAnswerTransport transport)
    {
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader packet) != PacketParseError.None)
        {
            client.Metrics.StatusServerDropped(DropReason.Malformed.ToLabel());
            return Drop(DropReason.Malformed, from);
        }

        switch (RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, packet.Authenticator, client.Secret))
        {
            case MessageAuthenticatorStatus.Valid:
                break;
            case MessageAuthenticatorStatus.Absent:
                client.Metrics.StatusServerDropped(DropReason.MissingMessageAuthenticator.ToLabel());
                return Drop(DropReason.MissingMessageAuthenticator, from);
            default:
                client.Metrics.StatusServerDropped(DropReason.BadMessageAuthenticator.ToLabel());
                return Drop(DropReason.BadMessageAuthenticator, from);
        }

        bool withMessageAuthenticator = client.Security.ResponseMessageAuthenticator;
        int length = withMessageAuthenticator ? StatusAnswerLength : RadiusPacketLimits.HeaderLength;
        Span<byte> answer = stackalloc byte[StatusAnswerLength];
        answer.Clear();
        answer[0] = (byte)RadiusCode.CoaAck;
        answer[1] = packet.Identifier;
        BinaryPrimitives.WriteUInt16BigEndian(answer[2..], (ushort)length);
        if (withMessageAuthenticator)
        {
            answer[RadiusPacketLimits.HeaderLength] = (byte)RadiusAttributeType.MessageAuthenticator;
            answer[RadiusPacketLimits.HeaderLength + 1] = 18;
        }

        answer = answer[..length];
        RadiusAuthenticator.SignResponse(answer, packet.Authenticator, client.Secret);
        try
        {
            transport.Send(answer, source);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The prober retries; nothing to keep.
            return PipelineOutcome.Dropped;
        }

        client.Metrics.StatusServer.Inc();
        return PipelineOutcome.Answered;
    }
}
