using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>
/// The whole daemon path for <c>type = other</c>: radclient → listener → pipeline → the real forwarding driver → an
/// RFC 5176 NAS simulator, and the NAS's answer relayed back, re-signed, with radclient's Proxy-State restored.
/// </summary>
[Trait("Category", "RealService")]
public class ForwardingThroughPipelineTests
{
    private const string NasSecret = "nas-secret";

    private static async Task<ProxyHost> StartAsync(NasSimulator nas)
    {
        var target = new NasTarget
        {
            Name = "bras1",
            Type = "other",
            NasIdentifier = "bras-1",
            Settings = new ForwardingNasSettings
            {
                CoaEndpoint = nas.Endpoint,
                Secret = NasSecret,
                Timers = new RetransmissionTimers(TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)),
            },
        };
        return await ProxyHost.StartAsync(TestOptions.Create(nases: [target]), configure: services => new ForwardingNasType().AddServices(services, TestOptions.Create()));
    }

    [Fact]
    public async Task DisconnectAck_ThroughAnOtherNas_WithProxyStateBothWays()
    {
        await using NasSimulator nas = NasSimulator.Start(NasSecret);
        await using ProxyHost proxy = await StartAsync(nas);
        RadclientResult result = await proxy.RadclientAsync("disconnect",
            "User-Name = \"alice\", NAS-Identifier = \"bras-1\", Proxy-State = 0x0102, Message-Authenticator = 0x00");
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        Assert.Equal(["0x0102"], result.AttributeValues("Proxy-State"));
        Assert.Equal(1, nas.AnsweredCount);
    }

    [Fact]
    public async Task NasNak_IsRelayedWithItsErrorCause()
    {
        await using NasSimulator nas = NasSimulator.Start(NasSecret, new NasSimulatorBehavior { NakErrorCause = ErrorCause.SessionContextNotFound });
        await using ProxyHost proxy = await StartAsync(nas);
        RadclientResult result = await proxy.RadclientAsync("coa", "User-Name = \"alice\", NAS-Identifier = \"bras-1\", Session-Timeout = 60");
        Assert.True(result.ReplyCode == "CoA-NAK", result.ToString());
        Assert.Equal("Session-Context-Not-Found", result.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task NasNeverAnswers_Nak505()
    {
        await using NasSimulator nas = NasSimulator.Start(NasSecret, new NasSimulatorBehavior { NeverAnswer = true });
        await using ProxyHost proxy = await StartAsync(nas);
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\", NAS-Identifier = \"bras-1\"", timeoutSeconds: 5);
        Assert.True(result.ReplyCode == "Disconnect-NAK", result.ToString());
        Assert.Equal("Proxy-Processing-Error", result.Attribute("Error-Cause"));
        Assert.True(nas.ReceivedCount >= 2, "the NAS should have seen the retransmissions");
    }
}
