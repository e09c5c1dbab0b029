using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

public class RequestPipelineTests
{
    private const string S = TestOptions.Secret;

    [Fact]
    public void Disconnect_Ack_SignedWithMessageAuthenticatorFirst_DriverGetsTheKeys()
    {
        using var harness = new PipelineHarness();
        byte[] request = Disconnect(7, S, true, UserName("alice"), NasIdentifier("nas1"), Text(RadiusAttributeType.AcctSessionId, "s-1"),
            Address(RadiusAttributeType.FramedIpAddress, "10.1.2.3"), Text(RadiusAttributeType.CallingStationId, "0c-c6-fd-7b-8b-aa"));

        Answer answer = harness.Exchange(request)!;

        Assert.Equal(RadiusCode.DisconnectAck, answer.Code);
        Assert.Equal(7, answer.Identifier);
        answer.AssertSigned();
        Assert.Empty(answer.ErrorCauses);
        (DynamicAuthorizationRequest seen, Routing.NasTarget nas) = Assert.Single(harness.Driver.Calls);
        Assert.Equal("nas1", nas.Name);
        Assert.Equal("alice", seen.Keys.UserName);
        Assert.Equal("s-1", seen.Keys.AcctSessionId);
        Assert.Equal("10.1.2.3", seen.Keys.FramedIpAddress?.ToString());
        Assert.Equal("0c-c6-fd-7b-8b-aa", seen.Keys.CallingStationId);
        Assert.Equal("local", seen.ClientName);
        Assert.Equal(request, seen.Packet.ToArray());
        Assert.Equal(S, System.Text.Encoding.UTF8.GetString(seen.ClientSecret.Span));
    }

    [Fact]
    public void Coa_Ack_CarriesTheAuthorizationChanges()
    {
        using var harness = new PipelineHarness();
        byte[] mikrotik = [0, 0, 0x3a, 0x8c, 8, 7, (byte)'2', (byte)'M', (byte)'/', (byte)'4', (byte)'M'];
        byte[] wispr = [0, 0, 0x37, 0x2a, 7, 6, 0, 7, 0xd0, 0, 8, 6, 0, 0x0f, 0xa0, 0];
        byte[] chilli = [0, 0, 0x38, 0xdf, 4, 6, 0, 0, 2, 0];
        byte[] request = Coa(8, S, false, UserName("bob"), Address(RadiusAttributeType.NasIpAddress, "192.0.2.1"),
            UInt32(RadiusAttributeType.SessionTimeout, 3600), Raw(RadiusAttributeType.VendorSpecific, mikrotik),
            Raw(RadiusAttributeType.VendorSpecific, wispr), Raw(RadiusAttributeType.VendorSpecific, chilli));

        Answer answer = harness.Exchange(request)!;

        Assert.Equal(RadiusCode.CoaAck, answer.Code);
        answer.AssertSigned();
        DynamicAuthorizationRequest seen = Assert.Single(harness.Driver.Calls).Request;
        Assert.False(seen.IsDisconnect);
        Assert.Equal(3600u, seen.SessionTimeout);
        Assert.Equal("2M/4M", seen.MikrotikRateLimit);
        Assert.Equal(512_000u, seen.WisprBandwidthMaxUp);
        Assert.Equal(1_024_000u, seen.WisprBandwidthMaxDown);
        Assert.Equal(512u, seen.ChilliSpotBandwidthMaxUp);
        Assert.Null(seen.ChilliSpotBandwidthMaxDown);
    }

    [Theory]
    [InlineData("192.0.2.99", "testing123")]
    [InlineData("127.0.0.1", "wrong-secret")]
    public void UnknownSourceOrWrongSecret_NoAnswer(string source, string secret)
    {
        using var harness = new PipelineHarness();
        Assert.Null(harness.Exchange(Disconnect(1, secret, false, UserName("alice"), NasIdentifier("nas1")), source: source));
        Assert.Empty(harness.Driver.Calls);
    }

    [Theory]
    [InlineData(RadiusCode.AccessRequest)]
    [InlineData(RadiusCode.AccountingRequest)]
    [InlineData(RadiusCode.DisconnectAck)]
    public void CodesOtherThanDisconnectAndCoa_AreDropped(RadiusCode code)
    {
        using var harness = new PipelineHarness();
        Assert.Null(harness.Exchange(Request(code, 1, S, true, UserName("alice"), NasIdentifier("nas1"))));
    }

    [Fact]
    public void Malformed_IsDropped()
    {
        using var harness = new PipelineHarness();
        byte[] overrun = Disconnect(1, S, false, UserName("alice"), NasIdentifier("nas1"));
        overrun[21] = 60; // User-Name length past the end
        Assert.Null(harness.Exchange(overrun));
        Assert.Null(harness.Exchange(Disconnect(2, S, false, UserName("alice"), Raw(RadiusAttributeType.NasIpAddress, 192, 0, 2))));
        Assert.Null(harness.Exchange(Disconnect(3, S, false, UserName("alice"), Raw(RadiusAttributeType.EventTimestamp, 1, 2))));
        Assert.Null(harness.Exchange([40, 1, 0]));
        Assert.Empty(harness.Driver.Calls);
    }

    [Fact]
    public void WrongMessageAuthenticator_IsAlwaysDropped()
    {
        var options = TestOptions.Create(new SecurityOptions { RequireMessageAuthenticator = RequireMessageAuthenticator.No });
        using var harness = new PipelineHarness(options);
        byte[] request = Disconnect(1, S, true, UserName("alice"), NasIdentifier("nas1"));
        request[24] ^= 0xFF; // inside the Message-Authenticator value (the first attribute)

        // A correct Request Authenticator over the damaged packet, so only the Message-Authenticator is wrong.
        Assert.Null(harness.Exchange(ResignRequestAuthenticatorOnly(request)));
        Assert.Empty(harness.Driver.Calls);
    }

    [Fact]
    public void MissingMessageAuthenticator_WhenRequired_IsDropped()
    {
        var options = TestOptions.Create(new SecurityOptions { RequireMessageAuthenticator = RequireMessageAuthenticator.Yes });
        using var harness = new PipelineHarness(options);
        Assert.Null(harness.Exchange(Disconnect(1, S, false, UserName("alice"), NasIdentifier("nas1"))));
        Assert.Equal(RadiusCode.DisconnectAck, harness.Exchange(Disconnect(2, S, true, UserName("alice"), NasIdentifier("nas1")))!.Code);
    }

    [Fact]
    public void AutoMode_RequiresMessageAuthenticatorOnceTheClientSentOne()
    {
        using var harness = new PipelineHarness();
        Assert.Equal(RadiusCode.DisconnectAck, harness.Exchange(Disconnect(1, S, false, UserName("alice"), NasIdentifier("nas1")))!.Code);
        Assert.Equal(RadiusCode.DisconnectAck, harness.Exchange(Disconnect(2, S, true, UserName("alice"), NasIdentifier("nas1")))!.Code);
        Assert.Null(harness.Exchange(Disconnect(3, S, false, UserName("alice"), NasIdentifier("nas1"))));
    }

    [Fact]
    public void EventTimestamp_OutsideTheWindowOrMissingWhereRequired_IsDropped()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = TestOptions.Create(new SecurityOptions { EventTimestampWindow = TimeSpan.FromSeconds(60) });
        using var harness = new PipelineHarness(options, time: time);
        DateTimeOffset now = time.GetUtcNow();
        Assert.NotNull(harness.Exchange(Disconnect(1, S, false, UserName("a"), NasIdentifier("nas1"), EventTimestamp(now.AddSeconds(-60)))));
        Assert.NotNull(harness.Exchange(Disconnect(2, S, false, UserName("a"), NasIdentifier("nas1"), EventTimestamp(now.AddSeconds(60)))));
        Assert.Null(harness.Exchange(Disconnect(3, S, false, UserName("a"), NasIdentifier("nas1"), EventTimestamp(now.AddSeconds(-61)))));
        Assert.Null(harness.Exchange(Disconnect(4, S, false, UserName("a"), NasIdentifier("nas1"), EventTimestamp(now.AddSeconds(61)))));
        Assert.NotNull(harness.Exchange(Disconnect(5, S, false, UserName("a"), NasIdentifier("nas1"))));

        var strict = TestOptions.Create(new SecurityOptions { RequireEventTimestamp = true });
        using var strictHarness = new PipelineHarness(strict, time: time);
        Assert.Null(strictHarness.Exchange(Disconnect(1, S, false, UserName("a"), NasIdentifier("nas1"))));
        Assert.NotNull(strictHarness.Exchange(Disconnect(2, S, false, UserName("a"), NasIdentifier("nas1"), EventTimestamp(now))));
    }

    private static byte[] ResignRequestAuthenticatorOnly(byte[] packet)
    {
        // RFC 5176 §2.3: MD5(Code | Id | Length | 16 zeros | Attributes | Secret), leaving the MA value as it is.
        byte[] copy = (byte[])packet.Clone();
        Array.Clear(copy, 4, 16);
        byte[] digest = System.Security.Cryptography.MD5.HashData([.. copy, .. System.Text.Encoding.UTF8.GetBytes(S)]);
        digest.CopyTo(copy, 4);
        return copy;
    }
}
