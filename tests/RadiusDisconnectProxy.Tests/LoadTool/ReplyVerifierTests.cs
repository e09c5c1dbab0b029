using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.LoadTool;

public class ReplyVerifierTests
{
    private static readonly SharedSecret s_secret = new("testing123");
    private readonly byte[] _request = new byte[4096];
    private readonly int _requestLength;

    public ReplyVerifierTests() => _requestLength = new RequestBuilder(new RequestTemplate(), s_secret).Build(_request, 42, 5);

    private ReadOnlySpan<byte> Request => _request.AsSpan(0, _requestLength);

    [Fact]
    public void Verify_AcceptsACorrectAck()
    {
        byte[] reply = Answer(RadiusCode.DisconnectAck, null, zeroedMa: false);
        Assert.Equal(ReplyOutcome.Ack, new ReplyVerifier(s_secret, false).Verify(reply, Request, out _, out bool zeroed));
        Assert.False(zeroed);
    }

    [Fact]
    public void Verify_ReportsTheErrorCauseOfANak()
    {
        byte[] reply = Answer(RadiusCode.DisconnectNak, ErrorCause.SessionContextNotFound, zeroedMa: false);
        Assert.Equal(ReplyOutcome.Nak, new ReplyVerifier(s_secret, false).Verify(reply, Request, out uint cause, out _));
        Assert.Equal(503u, cause);
    }

    [Fact]
    public void Verify_RejectsATamperedAnswerAWrongCodeAndAWrongIdentifier()
    {
        var verifier = new ReplyVerifier(s_secret, false);
        byte[] tampered = Answer(RadiusCode.DisconnectAck, null, zeroedMa: false);
        tampered[^1] ^= 1;
        Assert.Equal(ReplyOutcome.Invalid, verifier.Verify(tampered, Request, out _, out _));
        Assert.Equal(ReplyOutcome.Invalid, verifier.Verify(Answer(RadiusCode.CoaAck, null, zeroedMa: false), Request, out _, out _));
        byte[] otherId = Answer(RadiusCode.DisconnectAck, null, zeroedMa: false);
        otherId[1] = 43;
        Assert.Equal(ReplyOutcome.Invalid, verifier.Verify(otherId, Request, out _, out _));
    }

    [Fact]
    public void Verify_AcceptsTheFreeRadius321MessageAuthenticatorOnlyWhenAsked()
    {
        byte[] reply = Answer(RadiusCode.DisconnectAck, null, zeroedMa: true);
        Assert.Equal(ReplyOutcome.Invalid, new ReplyVerifier(s_secret, false).Verify(reply, Request, out _, out _));
        Assert.Equal(ReplyOutcome.Ack, new ReplyVerifier(s_secret, true).Verify(reply, Request, out _, out bool zeroed));
        Assert.True(zeroed);
    }

    private byte[] Answer(RadiusCode code, ErrorCause? cause, bool zeroedMa)
    {
        byte[] buffer = new byte[4096];
        var writer = new RadiusPacketWriter(buffer, code, _request[1]);
        writer.AddMessageAuthenticator();
        if (cause is { } value)
        {
            writer.AddUInt32(RadiusAttributeType.ErrorCause, (uint)value);
        }

        int length = writer.Length;
        Span<byte> packet = buffer.AsSpan(0, length);
        // A zeroed-authenticator Message-Authenticator: sign as if the request authenticator were 16 zeros, then fix the
        // Response Authenticator over the real one (what FreeRADIUS 3.2.0-3.2.3 sends).
        RadiusAuthenticator.SignResponse(packet, zeroedMa ? new byte[16] : Request.Slice(4, 16), s_secret);
        if (zeroedMa)
        {
            byte[] ma = packet.Slice(22, 16).ToArray();
            RadiusAuthenticator.SignResponse(packet, Request.Slice(4, 16), s_secret);
            ma.CopyTo(packet.Slice(22, 16));
            packet.Slice(4, 16).Clear();
            RecomputeResponseAuthenticator(packet);
        }

        return packet.ToArray();
    }

    /// <summary>RFC 2865 §3: MD5(Code+ID+Length+RequestAuth+Attributes+Secret), keeping the attributes as they are.</summary>
    private void RecomputeResponseAuthenticator(Span<byte> packet)
    {
        Request.Slice(4, 16).CopyTo(packet.Slice(4, 16));
        byte[] input = [.. packet.ToArray(), .. System.Text.Encoding.UTF8.GetBytes("testing123")];
        System.Security.Cryptography.MD5.HashData(input).CopyTo(packet.Slice(4, 16));
    }
}
