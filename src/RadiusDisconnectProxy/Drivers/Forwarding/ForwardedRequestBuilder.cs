using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>
/// Builds the request sent to the NAS from the client's (already authenticated) request, RFC 5176 §3.1 / reference
/// A.10: a fresh Message-Authenticator as the first attribute (Blast-RADIUS hardening, A.13), then every other
/// attribute in its original order (same-type order is never changed; Event-Timestamp, State and Class untouched),
/// encrypt=2 values re-keyed from the client secret to the NAS secret, then at most one Proxy-State of our own after
/// all existing ones — or, with strip_proxy_state, no Proxy-State at all (the pipeline restores the client's on the
/// answer). Identifier and authenticators are left zero: the caller sets the Identifier and signs.
/// </summary>
internal static class ForwardedRequestBuilder
{
    private const int MessageAuthenticatorAttributeLength = 18;

    public static ForwardBuildStatus Build(
        ReadOnlySpan<byte> original,
        Span<byte> destination,
        ReadOnlySpan<byte> clientSecret,
        ReadOnlySpan<byte> nasSecret,
        bool stripProxyState,
        ReadOnlySpan<byte> proxyStateValue,
        out int length)
    {
        length = 0;
        if (RadiusPacketReader.TryParse(original, out RadiusPacketReader request) != PacketParseError.None)
        {
            return ForwardBuildStatus.Malformed;
        }

        int limit = Math.Min(destination.Length, RadiusPacketLimits.MaxPacketLength);
        destination[0] = (byte)request.Code;
        destination[1] = 0;
        destination.Slice(RadiusPacketLimits.AuthenticatorOffset, RadiusPacketLimits.AuthenticatorLength).Clear();
        int position = RadiusPacketLimits.HeaderLength;

        destination[position] = RadiusAttributeType.MessageAuthenticator;
        destination[position + 1] = MessageAuthenticatorAttributeLength;
        destination.Slice(position + 2, 16).Clear();
        position += MessageAuthenticatorAttributeLength;

        foreach (RadiusAttributeView attribute in request)
        {
            if (attribute.Type == RadiusAttributeType.MessageAuthenticator
                || (stripProxyState && attribute.Type == RadiusAttributeType.ProxyState))
            {
                continue;
            }

            int attributeLength = attribute.Length;
            if (position + attributeLength > limit)
            {
                return ForwardBuildStatus.TooLong;
            }

            Span<byte> copy = destination.Slice(position, attributeLength);
            original.Slice(attribute.Offset, attributeLength).CopyTo(copy);
            if (EncryptedAttributes.MayContainEncrypted(attribute.Type, attribute.Value)
                && !EncryptedAttributes.TryRecryptAttribute(copy, clientSecret, nasSecret))
            {
                return ForwardBuildStatus.BadEncryptedAttribute;
            }

            position += attributeLength;
        }

        if (!stripProxyState)
        {
            // RFC 5176 §3.1: at most one Proxy-State added, after all existing ones (we append at the very end).
            int attributeLength = proxyStateValue.Length + 2;
            if (position + attributeLength > limit)
            {
                return ForwardBuildStatus.TooLong;
            }

            destination[position] = RadiusAttributeType.ProxyState;
            destination[position + 1] = (byte)attributeLength;
            proxyStateValue.CopyTo(destination[(position + 2)..]);
            position += attributeLength;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)position);
        length = position;
        return ForwardBuildStatus.Ok;
    }
}
