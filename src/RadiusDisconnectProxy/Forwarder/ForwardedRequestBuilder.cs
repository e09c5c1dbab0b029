using RadiusDisconnectProxy.Routing;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Builds the request sent to the NAS from the client's (already authenticated) request, RFC 5176 §3.1 / reference
/// A.10: a fresh Message-Authenticator as the first attribute (Blast-RADIUS hardening, A.13), then every other
/// attribute in its original order (same-type order is never changed; Event-Timestamp, State and Class untouched),
/// encrypt=2 values (as the loaded dictionary marks them) re-keyed from the client secret to the NAS secret, then at most one Proxy-State of our own after
/// all existing ones — or, with strip_proxy_state, no Proxy-State at all (the pipeline restores the client's on the
/// answer). Identifier and authenticators are left zero: the caller sets the Identifier and signs.
/// When the session database resolved the request, Acct-Session-Id, NAS-IP-Address and Framed-IP-Address of the
/// radacct row are added where the request lacks them (RFC 5176 §3: a proxy may add NAS and session identification),
/// so a DAC that sent only User-Name reaches the NAS with what RADIUSdesk's own Kicker sends.
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
        SaltEncryptedAttributes encrypted,
        out int length,
        SessionKeys? sessionKeys = null)
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

        bool hasAcctSessionId = false, hasNasIpAddress = false, hasFramedIpAddress = false;
        foreach (RadiusAttributeView attribute in request)
        {
            hasAcctSessionId |= attribute.Type == RadiusAttributeType.AcctSessionId;
            hasNasIpAddress |= attribute.Type == RadiusAttributeType.NasIpAddress;
            hasFramedIpAddress |= attribute.Type == RadiusAttributeType.FramedIpAddress;
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
            if (encrypted.MayContainEncrypted(attribute.Type, attribute.Value)
                && !encrypted.TryRecrypt(copy, TunnelPasswordCipher.SelectVector(request.Code, request.Authenticator), clientSecret, nasSecret))
            {
                return ForwardBuildStatus.BadEncryptedAttribute;
            }

            position += attributeLength;
        }

        if (sessionKeys is not null)
        {
            if ((!hasAcctSessionId && !TryAddString(destination, limit, ref position, RadiusAttributeType.AcctSessionId, sessionKeys.AcctSessionId))
                || (!hasNasIpAddress && !TryAddIPv4(destination, limit, ref position, RadiusAttributeType.NasIpAddress, sessionKeys.NasIpAddress))
                || (!hasFramedIpAddress && !TryAddIPv4(destination, limit, ref position, RadiusAttributeType.FramedIpAddress, sessionKeys.FramedIpAddress)))
            {
                return ForwardBuildStatus.TooLong;
            }
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
    /// <summary>Appends a text attribute (nothing for null or empty; false only when it does not fit).</summary>
    private static bool TryAddString(Span<byte> destination, int limit, ref int position, byte type, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        int valueLength = Encoding.UTF8.GetByteCount(value);
        if (valueLength > RadiusPacketLimits.MaxAttributeValueLength)
        {
            return true;   // cannot be a valid attribute: the NAS never reported it, so it is not ours to invent
        }

        if (position + 2 + valueLength > limit)
        {
            return false;
        }

        destination[position] = type;
        destination[position + 1] = (byte)(valueLength + 2);
        Encoding.UTF8.GetBytes(value, destination.Slice(position + 2, valueLength));
        position += valueLength + 2;
        return true;
    }

    /// <summary>Appends an IPv4 address attribute (nothing for null or IPv6; false only when it does not fit).</summary>
    private static bool TryAddIPv4(Span<byte> destination, int limit, ref int position, byte type, IPAddress? value)
    {
        if (value is null || value.AddressFamily != AddressFamily.InterNetwork)
        {
            return true;
        }

        if (position + 6 > limit)
        {
            return false;
        }

        destination[position] = type;
        destination[position + 1] = 6;
        value.TryWriteBytes(destination.Slice(position + 2, 4), out _);
        position += 6;
        return true;
    }
}
