using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Builds the one answer to an authentic request (RFC 5176 §2.3, §3.4, §3.5): ACK or NAK matching the request code,
/// Message-Authenticator first (Blast-RADIUS hardening) unless the client turned it off, then the driver's relayed
/// attributes or the Error-Cause, then the request's Proxy-State attributes in their order (RFC 2865 §5.33), signed
/// with the client's secret over the request's authenticator.
/// </summary>
internal static class AnswerBuilder
{
    /// <summary>
    /// Writes the answer into <paramref name="buffer"/> (at least 4096 octets) and returns its length, or -1 when even
    /// the bare answer with the echoed Proxy-State cannot fit 4096 octets (RFC 2865 §3; the caller drops and counts it).
    /// RFC 5176 §3.6 makes everything but Proxy-State optional in an ACK/NAK (Error-Cause and Message-Authenticator are
    /// "0-1"/"0+"), while Proxy-State MUST be echoed (RFC 5176 §3.1 end, RFC 2865 §5.33). So what does not fit is left
    /// out in this order: the relayed attributes (replaced by our Error-Cause), then the Error-Cause, then, last, the
    /// Message-Authenticator, which is the Blast-RADIUS defence exactly when a large Proxy-State is echoed.
    /// <paramref name="trimmed"/> tells what was left out.
    /// </summary>
    public static int Build(Span<byte> buffer, ReadOnlySpan<byte> request, bool ack, ErrorCause? cause, ReadOnlySpan<byte> relayed,
        bool messageAuthenticator, SharedSecret secret, out AnswerTrim trimmed)
    {
        var code = (RadiusCode)(request[0] + (ack ? 1 : 2));
        int limit = Math.Min(buffer.Length, RadiusPacketLimits.MaxPacketLength);
        int proxyStateLength = ProxyStateLength(request);
        ErrorCause? errorCause = Sanitize(cause, ack, code);
        bool useRelayed = !relayed.IsEmpty && IsWholeAttributes(relayed);
        trimmed = AnswerTrim.None;

        int size = RadiusPacketLimits.HeaderLength + proxyStateLength + (messageAuthenticator ? MessageAuthenticatorLength : 0);
        if (useRelayed && size + RelayedLength(relayed) > limit)
        {
            useRelayed = false;
            trimmed |= AnswerTrim.RelayedAttributes;
        }

        int body = useRelayed ? RelayedLength(relayed) : errorCause is null ? 0 : ErrorCauseLength;
        if (!useRelayed && errorCause is not null && size + body > limit)
        {
            errorCause = null;
            body = 0;
            trimmed |= AnswerTrim.ErrorCause;
        }

        if (messageAuthenticator && size + body > limit)
        {
            messageAuthenticator = false;
            size -= MessageAuthenticatorLength;
            trimmed |= AnswerTrim.MessageAuthenticator;
        }

        if (size + body > limit)
        {
            return -1;
        }

        var writer = new RadiusPacketWriter(buffer[..limit], code, request[1]);
        if (messageAuthenticator)
        {
            writer.AddMessageAuthenticator();
        }

        if (useRelayed)
        {
            CopyAttributes(ref writer, relayed);
        }
        else if (errorCause is { } c)
        {
            writer.AddUInt32(RadiusAttributeType.ErrorCause, (uint)c);
        }

        if (RadiusPacketReader.TryParse(request, out RadiusPacketReader reader) == PacketParseError.None)
        {
            foreach (RadiusAttributeView attribute in reader)
            {
                if (attribute.Type == RadiusAttributeType.ProxyState)
                {
                    writer.AddRaw(request.Slice(attribute.Offset, attribute.Value.Length + 2));
                }
            }
        }

        int length = writer.Length;
        RadiusAuthenticator.SignResponse(buffer[..length], request.Slice(4, 16), secret);
        return length;
    }

    private const int MessageAuthenticatorLength = 18;

    private const int ErrorCauseLength = 6;

    /// <summary>The octets the relayed set takes once its Message-Authenticator and Proxy-State are left out.</summary>
    private static int RelayedLength(ReadOnlySpan<byte> attributes)
    {
        int total = 0;
        while (!attributes.IsEmpty)
        {
            int length = attributes[1];
            if (attributes[0] is not (RadiusAttributeType.MessageAuthenticator or RadiusAttributeType.ProxyState))
            {
                total += length;
            }

            attributes = attributes[length..];
        }

        return total;
    }

    /// <summary>
    /// RFC 5176 §3.5: 2xx only in an ACK (201 only in a Disconnect-ACK), 4xx/5xx only in a NAK; 504 only in a
    /// Disconnect-NAK and 405 never for a Disconnect-Request. Anything else is left out rather than sent wrongly.
    /// </summary>
    public static ErrorCause? Sanitize(ErrorCause? cause, bool ack, RadiusCode answerCode)
    {
        if (cause is not { } c)
        {
            return null;
        }

        bool disconnect = answerCode is RadiusCode.DisconnectAck or RadiusCode.DisconnectNak;
        uint value = (uint)c;
        bool valid = ack
            ? value is >= 200 and < 300 && c != ErrorCause.InvalidEapPacket && (c != ErrorCause.ResidualSessionContextRemoved || disconnect)
            : value is >= 400 and < 600 && (c != ErrorCause.SessionContextNotRemovable || disconnect)
              && (c != ErrorCause.UnsupportedService || !disconnect);
        return valid ? c : null;
    }

    private static int ProxyStateLength(ReadOnlySpan<byte> request)
    {
        int total = 0;
        if (RadiusPacketReader.TryParse(request, out RadiusPacketReader reader) == PacketParseError.None)
        {
            foreach (RadiusAttributeView attribute in reader)
            {
                if (attribute.Type == RadiusAttributeType.ProxyState)
                {
                    total += attribute.Value.Length + 2;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Whether the relayed set is attributes our own reader accepts (lengths, and each type's own rules such as a
    /// Vendor-Specific's minimum length): an answer must never carry what a DAC would reject as malformed. Found by
    /// fuzzing (fuzz/README.md); the forwarding driver's NAS answers pass this anyway, having been read by the same reader.
    /// </summary>
    private static bool IsWholeAttributes(ReadOnlySpan<byte> attributes)
    {
        if (attributes.Length > RadiusPacketLimits.MaxPacketLength - RadiusPacketLimits.HeaderLength)
        {
            return false;
        }

        Span<byte> packet = stackalloc byte[RadiusPacketLimits.HeaderLength + attributes.Length];
        packet.Clear();
        packet[0] = (byte)RadiusCode.DisconnectAck;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)packet.Length);
        attributes.CopyTo(packet[RadiusPacketLimits.HeaderLength..]);
        return RadiusPacketReader.TryParse(packet, out _) == PacketParseError.None;
    }

    private static void CopyAttributes(ref RadiusPacketWriter writer, ReadOnlySpan<byte> attributes)
    {
        while (!attributes.IsEmpty)
        {
            int length = attributes[1];
            // The relayed set comes without Message-Authenticator (ours is first) and Proxy-State (ours follow).
            if (attributes[0] is not (RadiusAttributeType.MessageAuthenticator or RadiusAttributeType.ProxyState))
            {
                writer.AddRaw(attributes[..length]);
            }

            attributes = attributes[length..];
        }
    }
}
