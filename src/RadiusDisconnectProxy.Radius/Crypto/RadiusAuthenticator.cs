using System.Buffers.Binary;
using System.Security.Cryptography;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Crypto;

/// <summary>
/// Request/Response Authenticators (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3) and Message-Authenticator
/// (RFC 3579 §3.2, RFC 5176 §3.4). The packet is hashed in pieces with a managed MD5 (proven identical to the
/// platform's by tests), so nothing is copied or allocated; every comparison is constant-time.
/// </summary>
public static class RadiusAuthenticator
{
    private const int AuthOffset = RadiusPacketLimits.AuthenticatorOffset;
    private const int AuthLength = RadiusPacketLimits.AuthenticatorLength;

    private static ReadOnlySpan<byte> Zeros => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// RFC 2866 §3 / RFC 5176 §2.3 (codes 4, 40, 43): MD5(Code|Id|Length|16 zeros|Attributes|Secret)
    /// equals the packet's authenticator.
    /// </summary>
    public static bool VerifyRequestAuthenticator(ReadOnlySpan<byte> packet, SharedSecret secret)
    {
        if (!TryTrim(ref packet))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[AuthLength];
        ComputeKeyedMd5(packet, Zeros, secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(AuthOffset, AuthLength));
    }

    /// <summary>
    /// RFC 2865 §3: MD5(Code|Id|Length|RequestAuth|Attributes|Secret) equals the answer's authenticator;
    /// <paramref name="requestAuthenticator"/> is the authenticator of the request being answered.
    /// </summary>
    public static bool VerifyResponseAuthenticator(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> requestAuthenticator, SharedSecret secret)
    {
        if (!TryTrim(ref packet) || requestAuthenticator.Length is not (0 or AuthLength))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[AuthLength];
        ComputeKeyedMd5(packet, AuthenticatorOrZeros(requestAuthenticator), secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(AuthOffset, AuthLength));
    }

    /// <summary>
    /// RFC 3579 §3.2: HMAC-MD5 over the packet with the Message-Authenticator value zeroed and the authenticator
    /// field replaced by <paramref name="authenticatorForHmac"/>: 16 zeros (pass default) for 4/40/43 requests,
    /// the request's authenticator for answers, the packet's own for Access-Request / Status-Server.
    /// </summary>
    public static MessageAuthenticatorStatus VerifyMessageAuthenticator(
        ReadOnlySpan<byte> packet, int maValueOffset, ReadOnlySpan<byte> authenticatorForHmac, SharedSecret secret)
    {
        if (maValueOffset < 0)
        {
            return MessageAuthenticatorStatus.Absent;
        }

        if (!TryTrim(ref packet) || authenticatorForHmac.Length is not (0 or AuthLength)
            || maValueOffset < RadiusPacketLimits.HeaderLength + 2 || maValueOffset + AuthLength > packet.Length)
        {
            return MessageAuthenticatorStatus.Invalid;
        }

        Span<byte> expected = stackalloc byte[AuthLength];
        ComputeMessageAuthenticator(packet, maValueOffset, AuthenticatorOrZeros(authenticatorForHmac), secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(maValueOffset, AuthLength))
            ? MessageAuthenticatorStatus.Valid
            : MessageAuthenticatorStatus.Invalid;
    }

    /// <summary>
    /// Signs a request in place. Codes 4/40/43 (and any other non-Access code): zero the authenticator, fill the
    /// Message-Authenticator if present, then the Request Authenticator (RFC 5176 §3.4 order). Access-Request and
    /// Status-Server keep their (caller-chosen random) authenticator and only get the Message-Authenticator.
    /// </summary>
    public static void SignRequest(Span<byte> packet, SharedSecret secret)
    {
        packet = Trim(packet);
        var code = (RadiusCode)packet[0];
        bool ownAuthenticator = code is RadiusCode.AccessRequest or RadiusCode.StatusServer;
        Span<byte> authenticator = packet.Slice(AuthOffset, AuthLength);
        if (!ownAuthenticator)
        {
            authenticator.Clear();
        }

        int maOffset = FindMessageAuthenticator(packet);
        if (maOffset >= 0)
        {
            ComputeMessageAuthenticator(packet, maOffset, authenticator, secret, packet.Slice(maOffset, AuthLength));
        }

        if (!ownAuthenticator)
        {
            ComputeKeyedMd5(packet, Zeros, secret, authenticator);
        }
    }

    /// <summary>
    /// Signs an answer in place (RFC 2865 §3, RFC 3579 §3.2): the Message-Authenticator (if present) over the
    /// packet carrying the request's authenticator, then the Response Authenticator.
    /// </summary>
    public static void SignResponse(Span<byte> packet, ReadOnlySpan<byte> requestAuthenticator, SharedSecret secret)
    {
        packet = Trim(packet);
        ReadOnlySpan<byte> requestAuth = AuthenticatorOrZeros(requestAuthenticator);
        int maOffset = FindMessageAuthenticator(packet);
        if (maOffset >= 0)
        {
            ComputeMessageAuthenticator(packet, maOffset, requestAuth, secret, packet.Slice(maOffset, AuthLength));
        }

        Span<byte> digest = stackalloc byte[AuthLength];
        ComputeKeyedMd5(packet, requestAuth, secret, digest);
        digest.CopyTo(packet.Slice(AuthOffset, AuthLength));
    }

    /// <summary>Offset of the first Message-Authenticator value in a well-formed packet, or -1.</summary>
    public static int FindMessageAuthenticator(ReadOnlySpan<byte> packet)
    {
        foreach (RadiusAttributeView attribute in new AttributeEnumerator(packet))
        {
            if (attribute.Type == RadiusAttributeType.MessageAuthenticator && attribute.Length == 18)
            {
                return attribute.Offset + RadiusPacketLimits.AttributeHeaderLength;
            }
        }

        return -1;
    }

    // MD5(Code|Id|Length | authenticator | Attributes | Secret), RFC 2865 §3.
    private static void ComputeKeyedMd5(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> authenticator, SharedSecret secret, Span<byte> digest)
    {
        Md5State md5 = Md5State.Create();
        md5.Append(packet[..AuthOffset]);
        md5.Append(authenticator);
        md5.Append(packet[RadiusPacketLimits.HeaderLength..]);
        md5.Append(secret.Bytes);
        md5.Finish(digest);
    }

    private static void ComputeMessageAuthenticator(
        ReadOnlySpan<byte> packet, int maValueOffset, ReadOnlySpan<byte> authenticator, SharedSecret secret, Span<byte> mac)
    {
        // RFC 2104: MD5((K ^ opad) | MD5((K ^ ipad) | message)), starting from the secret's precomputed states.
        Md5State inner = secret.InnerState;
        inner.Append(packet[..AuthOffset]);
        inner.Append(authenticator);
        inner.Append(packet[RadiusPacketLimits.HeaderLength..maValueOffset]);
        inner.Append(Zeros);
        inner.Append(packet[(maValueOffset + AuthLength)..]);
        Span<byte> innerDigest = stackalloc byte[Md5State.DigestLength];
        inner.Finish(innerDigest);
        Md5State outer = secret.OuterState;
        outer.Append(innerDigest);
        outer.Finish(mac);
    }

    private static ReadOnlySpan<byte> AuthenticatorOrZeros(ReadOnlySpan<byte> authenticator) =>
        authenticator.Length == AuthLength ? authenticator
        : authenticator.IsEmpty ? Zeros
        : throw new ArgumentException("An authenticator is 16 octets.", nameof(authenticator));

    private static bool TryTrim(ref ReadOnlySpan<byte> packet)
    {
        if (packet.Length < RadiusPacketLimits.HeaderLength)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (length < RadiusPacketLimits.HeaderLength || length > packet.Length)
        {
            return false;
        }

        packet = packet[..length];
        return true;
    }

    private static Span<byte> Trim(Span<byte> packet) => packet[..CheckedLength(packet)];

    private static int CheckedLength(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < RadiusPacketLimits.HeaderLength)
        {
            throw new ArgumentException("A RADIUS packet has at least 20 octets.", nameof(packet));
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (length < RadiusPacketLimits.HeaderLength || length > packet.Length)
        {
            throw new ArgumentException("The Length field does not fit the buffer.", nameof(packet));
        }

        return length;
    }
}
