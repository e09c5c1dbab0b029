using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// Answers a Status-Server (RFC 5997) sent to a Dynamic Authorization server with CoA-ACK: RFC 5997 §3 defines the
/// answer only for authentication and accounting ports, and FreeRADIUS's <c>status_check = status-server</c> on a
/// <c>type = coa</c> home server takes a CoA-ACK as "alive". Pure (no I/O), so the UDP path can share it.
/// </summary>
internal static class StatusServerAnswer
{
    public enum Status
    {
        Answered,
        Malformed,
        MissingMessageAuthenticator,
        BadMessageAuthenticator,
    }

    /// <summary>
    /// Checks <paramref name="request"/> and writes the answer into <paramref name="destination"/> (at least 64 octets).
    /// Historic RADIUS: RFC 5997 §3 requires a valid Message-Authenticator, computed over the request's own
    /// authenticator; the answer carries one too and is signed like any response. RADIUS/1.1: no MD5 at all, the
    /// answer echoes the Token (RFC 9765 §4, §7.1).
    /// </summary>
    public static Status TryBuild(ReadOnlySpan<byte> request, SharedSecret secret, bool radius11, Span<byte> destination, out int length)
    {
        length = 0;
        if (RadiusPacketReader.TryParse(request, out RadiusPacketReader packet) != PacketParseError.None)
        {
            return Status.Malformed;
        }

        if (!radius11)
        {
            switch (RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, packet.Authenticator, secret))
            {
                case MessageAuthenticatorStatus.Absent:
                    return Status.MissingMessageAuthenticator;
                case MessageAuthenticatorStatus.Invalid:
                    return Status.BadMessageAuthenticator;
            }
        }

        var writer = new RadiusPacketWriter(destination, RadiusCode.CoaAck, radius11 ? (byte)0 : packet.Identifier);
        if (!radius11)
        {
            writer.AddMessageAuthenticator();
        }

        length = writer.Length;
        if (radius11)
        {
            packet.Authenticator[..4].CopyTo(destination[4..]);
        }
        else
        {
            RadiusAuthenticator.SignResponse(destination[..length], packet.Authenticator, secret);
        }

        return Status.Answered;
    }
}
