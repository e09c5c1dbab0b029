using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Checks a NAS's answer against the request we sent (RFC 5176 §2.3, RFC 2865 §3, RFC 3579 §3.2): well-formed, the
/// matching ACK/NAK code, Response Authenticator over our Request Authenticator, and the Message-Authenticator if
/// present. With <c>accept_zeroed_message_authenticator</c> a Message-Authenticator computed over 16 zero octets
/// instead of the request authenticator (FreeRADIUS 3.2.0–3.2.3, reference A.5) is accepted too.
/// </summary>
internal static class AnswerVerifier
{
    public static AnswerCheck Check(
        ReadOnlySpan<byte> datagram,
        ReadOnlySpan<byte> requestAuthenticator,
        RadiusCode requestCode,
        SharedSecret secret,
        bool acceptZeroedMessageAuthenticator,
        out int length)
    {
        length = 0;
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader answer) != PacketParseError.None)
        {
            return AnswerCheck.Malformed;
        }

        if (!Answers(requestCode, answer.Code))
        {
            return AnswerCheck.UnexpectedCode;
        }

        if (!RadiusAuthenticator.VerifyResponseAuthenticator(answer.Span, requestAuthenticator, secret))
        {
            return AnswerCheck.BadAuthenticator;
        }

        int maOffset = answer.MessageAuthenticatorOffset;
        if (maOffset >= 0
            && RadiusAuthenticator.VerifyMessageAuthenticator(answer.Span, maOffset, requestAuthenticator, secret) != MessageAuthenticatorStatus.Valid
            && !(acceptZeroedMessageAuthenticator
                 && RadiusAuthenticator.VerifyMessageAuthenticator(answer.Span, maOffset, default, secret) == MessageAuthenticatorStatus.Valid))
        {
            return AnswerCheck.BadMessageAuthenticator;
        }

        length = answer.Length;
        return AnswerCheck.Valid;
    }

    private static bool Answers(RadiusCode request, RadiusCode answer) => request switch
    {
        RadiusCode.DisconnectRequest => answer is RadiusCode.DisconnectAck or RadiusCode.DisconnectNak,
        RadiusCode.CoaRequest => answer is RadiusCode.CoaAck or RadiusCode.CoaNak,
        _ => false,
    };
}
