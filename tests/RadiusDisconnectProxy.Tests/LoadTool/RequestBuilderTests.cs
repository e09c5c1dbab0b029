using System.Net;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.LoadTool;

public class RequestBuilderTests
{
    private static readonly SharedSecret s_secret = new("testing123");

    [Fact]
    public void Build_MakesDistinctSignedRequestsWithTheTemplateAttributes()
    {
        var template = new RequestTemplate { NasIdentifier = "nas{0}", NasCount = 3, NasIpAddresses = [IPAddress.Parse("127.0.0.9")], CoaPercent = 25 };
        var builder = new RequestBuilder(template, s_secret);
        var authenticators = new HashSet<string>();
        var sessions = new HashSet<string>();
        byte[] buffer = new byte[4096];
        int coa = 0;
        for (long n = 0; n < 400; n++)
        {
            int length = builder.Build(buffer, (byte)n, n);
            ReadOnlySpan<byte> packet = buffer.AsSpan(0, length);
            Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(packet, out RadiusPacketReader reader));
            Assert.True(RadiusAuthenticator.VerifyRequestAuthenticator(packet, s_secret));
            Assert.Equal(MessageAuthenticatorStatus.Valid, RadiusAuthenticator.VerifyMessageAuthenticator(packet, reader.MessageAuthenticatorOffset, default, s_secret));
            Assert.Equal(22, reader.MessageAuthenticatorOffset); // first attribute (RFC 3579 §3.2 hardening)
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.NasIdentifier, out ReadOnlySpan<byte> nas));
            Assert.Equal($"nas{n % 3}", System.Text.Encoding.ASCII.GetString(nas));
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.UserName, out ReadOnlySpan<byte> user));
            Assert.Equal($"user{n:D6}", System.Text.Encoding.ASCII.GetString(user));
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.CallingStationId, out ReadOnlySpan<byte> mac));
            Assert.Equal(LoadNaming.Mac(n), System.Text.Encoding.ASCII.GetString(mac));
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.NasIpAddress, out _));
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.EventTimestamp, out _));
            Assert.True(reader.TryGetAttribute(RadiusAttributeType.AcctSessionId, out ReadOnlySpan<byte> session));
            Assert.True(sessions.Add(Convert.ToHexString(session)));
            Assert.True(authenticators.Add(Convert.ToHexString(reader.Authenticator)));
            coa += reader.Code == RadiusCode.CoaRequest ? 1 : 0;
        }

        Assert.Equal(100, coa);
    }

    [Fact]
    public void Build_LeavesOutWhatTheTemplateSaysNot()
    {
        var template = new RequestTemplate { UserName = null, AcctSessionId = false, Macs = 0, EventTimestamp = false, MessageAuthenticator = false };
        byte[] buffer = new byte[4096];
        int length = new RequestBuilder(template, s_secret).Build(buffer, 7, 1);
        Assert.Equal(20, length);
        Assert.Equal(7, buffer[1]);
    }

    [Fact]
    public void Mac_IsUpperCaseDashedAndLocallyAdministered()
    {
        Assert.Equal("02-00-00-00-30-39", LoadNaming.Mac(12345));
        Assert.Equal("user012345", LoadNaming.UserName(12345));
    }
}
