using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>
/// Decodes a packet for people (the `packet decode` CLI, logs): attribute names from a dictionary, values in the
/// radclient text form, authenticator checks where the options make them computable. Allocates; not for the hot path.
/// </summary>
public static class PacketDecoder
{
    public static PacketParseError TryDecode(ReadOnlySpan<byte> datagram, RadiusDictionary dictionary, PacketDecodeOptions options, out DecodedPacket? decoded)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(options);
        decoded = null;
        PacketParseError error = RadiusPacketReader.TryParse(datagram, out RadiusPacketReader packet);
        if (error != PacketParseError.None)
        {
            return error;
        }

        SharedSecret? secret = options.Secret;
        ReadOnlySpan<byte> requestAuth = options.RequestAuthenticator is { Length: 16 } given ? given.Span : default;
        bool haveRequestAuth = !requestAuth.IsEmpty;
        RadiusCode code = packet.Code;
        bool isResponse = RadiusCodeNames.IsResponse(code);

        bool? requestValid = null;
        bool? responseValid = null;
        bool? messageValid = null;
        if (secret is not null)
        {
            if (RadiusCodeNames.HasKeyedRequestAuthenticator(code))
            {
                requestValid = RadiusAuthenticator.VerifyRequestAuthenticator(packet.Span, secret);
            }
            else if (isResponse && haveRequestAuth)
            {
                responseValid = RadiusAuthenticator.VerifyResponseAuthenticator(packet.Span, requestAuth, secret);
            }

            // RFC 3579 §3.2 / RFC 5176 §3.4: which authenticator the HMAC covers depends on the code.
            bool maComputable = !isResponse || haveRequestAuth;
            if (packet.MessageAuthenticatorOffset >= 0 && maComputable)
            {
                ReadOnlySpan<byte> hmacAuth = isResponse ? requestAuth
                    : RadiusCodeNames.HasKeyedRequestAuthenticator(code) ? default
                    : packet.Authenticator;
                messageValid = RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, hmacAuth, secret)
                    == MessageAuthenticatorStatus.Valid;
            }
        }

        // Vectors for encrypt=1/2 (RFC 2865 §5.2, RFC 2868 §3.5; zero vector for 4/40/43 as FreeRADIUS does).
        byte[]? userPasswordVector = isResponse ? (haveRequestAuth ? requestAuth.ToArray() : null) : packet.Authenticator.ToArray();
        byte[]? tunnelVector = isResponse
            ? userPasswordVector
            : TunnelPasswordCipher.SelectVector(code, packet.Authenticator).ToArray();

        var attributes = new List<DecodedAttribute>();
        var decoder = new AttributeDecoder(dictionary, attributes, secret, userPasswordVector, tunnelVector);
        foreach (RadiusAttributeView attribute in packet)
        {
            decoder.Decode(attribute.Type, attribute.Value);
        }

        decoder.Flush();
        decoded = new DecodedPacket
        {
            Code = code,
            Identifier = packet.Identifier,
            Length = packet.Length,
            Authenticator = Convert.ToHexStringLower(packet.Authenticator),
            Attributes = attributes,
            RequestAuthenticatorValid = requestValid,
            ResponseAuthenticatorValid = responseValid,
            MessageAuthenticatorValid = messageValid,
        };
        return PacketParseError.None;
    }
}
