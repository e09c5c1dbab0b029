using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>
/// Sanity of the FreeRADIUS fixture: radclient → FreeRADIUS 3.2 (<c>home_server type = coa</c>) → NAS simulator → back.
/// The simulator sends no Message-Authenticator here: FreeRADIUS 3.2.0–3.2.3 re-signs a relayed one over a zeroed
/// authenticator and radclient would reject the answer (reference A.5).
/// </summary>
[Trait("Category", "RealService")]
public sealed class FreeRadiusFixtureTests
{
    private const string RadclientSecret = "radclient-secret";

    [Fact]
    public async Task Radclient_ThroughFreeRadius_ToTheSimulator_AckComesBack()
    {
        await using NasSimulator nas = NasSimulator.Start("nas-secret", new NasSimulatorBehavior { SendMessageAuthenticator = false });
        await using FreeRadiusCoaProxy freeRadius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            Upstream = nas.Endpoint,
            UpstreamSecret = "nas-secret",
            ClientSecret = RadclientSecret,
        });

        (int exitCode, string output) = await RadclientProcess.RunAsync(
            freeRadius.Endpoint, "disconnect", RadclientSecret,
            "User-Name = \"alice\", Acct-Session-Id = \"S1\", Proxy-State = \"part1\", Message-Authenticator = 0x00");

        Assert.True(exitCode == 0, output + freeRadius.Output);
        Assert.Contains("Received Disconnect-ACK", output, StringComparison.Ordinal);
        NasReceivedPacket received = Assert.Single(nas.Received);
        Assert.Equal(RadiusCode.DisconnectRequest, received.Code);
        Assert.Equal("alice", received.UserName);
        Assert.Equal("part1"u8.ToArray(), received.ProxyStates[0]);
        Assert.Equal(2, received.ProxyStates.Count); // FreeRADIUS appended its own after the client's
    }

    [Fact]
    public async Task Radclient_ThroughFreeRadius_NakWithErrorCauseComesBack()
    {
        await using NasSimulator nas = NasSimulator.Start(
            "nas-secret", new NasSimulatorBehavior { SendMessageAuthenticator = false, NakErrorCause = ErrorCause.SessionContextNotFound });
        await using FreeRadiusCoaProxy freeRadius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            Upstream = nas.Endpoint,
            UpstreamSecret = "nas-secret",
            ClientSecret = RadclientSecret,
        });

        (int exitCode, string output) = await RadclientProcess.RunAsync(
            freeRadius.Endpoint, "coa", RadclientSecret, "User-Name = \"bob\", Message-Authenticator = 0x00");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Received CoA-NAK", output, StringComparison.Ordinal);
        Assert.Contains("Error-Cause = Session-Context-Not-Found", output, StringComparison.Ordinal);
        Assert.Equal(RadiusCode.CoaRequest, Assert.Single(nas.Received).Code);
    }
}
