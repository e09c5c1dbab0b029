using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// Checks an answer against the request it claims to answer: code pairs with the request's (RFC 5176 §2.3),
/// Response Authenticator (RFC 2865 §3), Message-Authenticator when present (RFC 3579 §3.2, RFC 5176 §3.4).
/// </summary>
internal sealed class ReplyVerifier(SharedSecret secret, bool acceptZeroedMessageAuthenticator)
{
    private static readonly byte[] s_zeroAuthenticator = new byte[16];

    /// <summary>Judges <paramref name="datagram"/> as the answer to <paramref name="request"/>; on a NAK returns its Error-Cause (0 when absent).</summary>
    public ReplyOutcome Verify(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> request, out uint errorCause, out bool zeroedMessageAuthenticator)
    {
        errorCause = 0;
        zeroedMessageAuthenticator = false;
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader reply) != PacketParseError.None || reply.Identifier != request[1])
        {
            return ReplyOutcome.Invalid;
        }

        var requestCode = (RadiusCode)request[0];
        ReplyOutcome? kind = (requestCode, reply.Code) switch
        {
            (RadiusCode.DisconnectRequest, RadiusCode.DisconnectAck) or (RadiusCode.CoaRequest, RadiusCode.CoaAck) => ReplyOutcome.Ack,
            (RadiusCode.DisconnectRequest, RadiusCode.DisconnectNak) or (RadiusCode.CoaRequest, RadiusCode.CoaNak) => ReplyOutcome.Nak,
            _ => null,
        };
        if (kind is null)
        {
            return ReplyOutcome.Invalid;
        }

        ReadOnlySpan<byte> requestAuthenticator = request.Slice(4, 16);
        if (!RadiusAuthenticator.VerifyResponseAuthenticator(reply.Span, requestAuthenticator, secret))
        {
            return ReplyOutcome.Invalid;
        }

        if (reply.MessageAuthenticatorOffset >= 0)
        {
            MessageAuthenticatorStatus status = RadiusAuthenticator.VerifyMessageAuthenticator(
                reply.Span, reply.MessageAuthenticatorOffset, requestAuthenticator, secret);
            if (status != MessageAuthenticatorStatus.Valid)
            {
                if (!acceptZeroedMessageAuthenticator
                    || RadiusAuthenticator.VerifyMessageAuthenticator(reply.Span, reply.MessageAuthenticatorOffset, s_zeroAuthenticator, secret)
                        != MessageAuthenticatorStatus.Valid)
                {
                    return ReplyOutcome.Invalid;
                }

                zeroedMessageAuthenticator = true;
            }
        }

        if (kind == ReplyOutcome.Nak && reply.TryGetAttribute(RadiusAttributeType.ErrorCause, out ReadOnlySpan<byte> cause) && cause.Length == 4)
        {
            errorCause = BinaryPrimitives.ReadUInt32BigEndian(cause);
        }

        return kind.Value;
    }
}
