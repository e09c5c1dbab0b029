using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>
/// Every authentic request has exactly one outcome: an answer within 4096 octets (optional attributes left out first,
/// Proxy-State always echoed, RFC 5176 §3.6) or a counted drop; retransmissions never run the request again.
/// </summary>
public class AnswerSizeTests
{
    private const string S = TestOptions.Secret;

    /// <summary>Proxy-State attributes (values up to 253 octets) whose attributes total exactly <paramref name="octets"/>.</summary>
    private static (byte, byte[])[] ProxyStatesTotalling(int octets)
    {
        var list = new List<(byte, byte[])>();
        byte fill = 1;
        while (octets > 0)
        {
            int whole = octets > 255 && octets - 255 < 3 ? octets - 3 : Math.Min(octets, 255);
            list.Add(ProxyState([.. Enumerable.Repeat(fill++, whole - 2)]));
            octets -= whole;
        }

        return [.. list];
    }

    private static byte[] FullSizeRequest(byte identifier, int userNameLength)
    {
        int userName = 2 + userNameLength;
        byte[] request = Disconnect(identifier, S, false, [Text(RadiusAttributeType.UserName, new string('u', userNameLength)), NasIdentifier("nas1"),
            .. ProxyStatesTotalling(RadiusPacketLimits.MaxPacketLength - 20 - userName - 6)]);
        Assert.Equal(RadiusPacketLimits.MaxPacketLength, request.Length);
        return request;
    }

    [Fact]
    public void NakThatWouldExceed4096_LeavesOutErrorCauseFirst_KeepsMessageAuthenticatorAndEveryProxyState()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound));
        // 20 + 12 (User-Name) + 6 (NAS-Identifier) + 4058 (Proxy-State) = 4096; the NAK would be 20 + 18 + 6 + 4058 = 4102.
        byte[] request = FullSizeRequest(1, 10);
        Answer answer = harness.Exchange(request)!;
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        answer.AssertSigned();
        Assert.Empty(answer.ErrorCauses);
        Assert.Equal(ProxyStatesOf(request), answer.ProxyStates);
        Assert.True(answer.Bytes.Length <= RadiusPacketLimits.MaxPacketLength);
    }

    [Fact]
    public void NakThatStillWouldNotFit_LeavesOutTheMessageAuthenticatorToo_AndRetransmissionsReplayIt()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound));
        // 20 + 3 + 6 + 4067 = 4096; even without Error-Cause the NAK would be 20 + 18 + 4067 = 4105.
        byte[] request = FullSizeRequest(2, 1);
        Answer answer = harness.Exchange(request)!;
        Assert.True(answer.ResponseAuthenticatorValid);
        Assert.Equal(MessageAuthenticatorStatus.Absent, answer.MessageAuthenticator);
        Assert.Equal(ProxyStatesOf(request), answer.ProxyStates);
        Assert.Equal(RadiusPacketLimits.MaxPacketLength - 9, answer.Bytes.Length);

        for (int i = 0; i < 3; i++)
        {
            Answer again = harness.Exchange(request)!;
            Assert.Equal(answer.Bytes, again.Bytes);
        }

        Assert.Single(harness.Driver.Calls);
    }

    [Fact]
    public void AnswerBuilder_WhenEvenTheProxyStatesCannotFit_ReturnsMinusOne()
    {
        byte[] request = FullSizeRequest(3, 1);
        byte[] small = new byte[2048];
        int length = AnswerBuilder.Build(small, request, ack: true, null, default, messageAuthenticator: true, new SharedSecret(S), out AnswerTrim trimmed);
        Assert.Equal(-1, length);
        Assert.True(trimmed.HasFlag(AnswerTrim.MessageAuthenticator));
    }

    [Fact]
    public void AnswerBuilder_OrdinaryAnswer_TrimsNothing()
    {
        byte[] request = Disconnect(4, S, true, UserName("a"), ProxyState(1, 2));
        byte[] buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        int length = AnswerBuilder.Build(buffer, request, ack: false, ErrorCause.SessionContextNotFound, default, true, new SharedSecret(S), out AnswerTrim trimmed);
        Assert.Equal(AnswerTrim.None, trimmed);
        var answer = new Answer(buffer[..length], request, S);
        answer.AssertSigned();
        Assert.Equal([80, 101, 33], answer.AttributeTypes);
    }

    /// <summary>Found by fuzzing (fuzz/corpus/packet/crash-relayed-short-vendor-specific): a relayed Vendor-Specific of
    /// length 5 was copied into the answer verbatim, which a DAC's reader rejects as malformed.</summary>
    [Fact]
    public void RelayedAttributesOurReaderWouldReject_AreReplacedByTheErrorCause()
    {
        using var harness = new PipelineHarness();
        byte[] relayed = [18, 4, 0x6F, 0x6B, 26, 5, 0x62, 0x6F, 0x62]; // Reply-Message "ok", then a 5-octet Vendor-Specific
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound) with { RelayedAttributes = relayed });

        Answer answer = harness.Exchange(Disconnect(9, S, true, UserName("a"), NasIdentifier("nas1")))!;

        answer.AssertSigned();
        Assert.Equal([80, 101], answer.AttributeTypes);
        Assert.Equal(ErrorCause.SessionContextNotFound, answer.ErrorCause);
    }

    [Fact]
    public void UnanswerableOutcome_IsRemembered_RetransmissionDroppedAndCounted_NotReRun()
    {
        var cache = new DuplicateCache(16, TimeProvider.System);
        var key = new DuplicateKey(default, 7);
        byte[] authenticator = new byte[16];
        Assert.Equal(DuplicateStatus.New, cache.Begin(key, authenticator, TimeSpan.FromSeconds(30), out DuplicateEntry entry));
        DuplicateCache.Complete(entry, DuplicateEntry.NoAnswer);
        Assert.Equal(DuplicateStatus.Retransmission, cache.Begin(key, authenticator, TimeSpan.FromSeconds(30), out DuplicateEntry again));
        Assert.Same(entry, again);
        Assert.Empty(again.Answer!);
    }

    private static List<byte[]> ProxyStatesOf(byte[] request)
    {
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(request, out RadiusPacketReader packet));
        var list = new List<byte[]>();
        foreach (RadiusAttributeView attribute in packet)
        {
            if (attribute.Type == RadiusAttributeType.ProxyState)
            {
                list.Add(attribute.Value.ToArray());
            }
        }

        return list;
    }
}
