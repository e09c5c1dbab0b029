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
    /// <summary>Writes the answer into <paramref name="buffer"/> (at least 4096 octets) and returns its length.</summary>
    public static int Build(Span<byte> buffer, ReadOnlySpan<byte> request, bool ack, ErrorCause? cause, ReadOnlySpan<byte> relayed,
        bool messageAuthenticator, SharedSecret secret)
    {
        var code = (RadiusCode)(request[0] + (ack ? 1 : 2));
        var writer = new RadiusPacketWriter(buffer, code, request[1]);
        if (messageAuthenticator)
        {
            writer.AddMessageAuthenticator();
        }

        int proxyStateLength = ProxyStateLength(request);
        if (!relayed.IsEmpty && relayed.Length + proxyStateLength <= writer.Remaining && IsWholeAttributes(relayed))
        {
            CopyAttributes(ref writer, relayed);
        }
        else if (Sanitize(cause, ack, code) is { } errorCause)
        {
            writer.AddUInt32(RadiusAttributeType.ErrorCause, (uint)errorCause);
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

    private static bool IsWholeAttributes(ReadOnlySpan<byte> attributes)
    {
        while (!attributes.IsEmpty)
        {
            if (attributes.Length < 2 || attributes[1] < 2 || attributes[1] > attributes.Length)
            {
                return false;
            }

            attributes = attributes[attributes[1]..];
        }

        return true;
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
