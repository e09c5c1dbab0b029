using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 12 end to end for <c>type = AccelRadiusdesk</c> with <c>dae_port</c>: radclient → the whole daemon → the
/// accel-ppp <c>dae-server</c> stand-in, whose answers carry no Message-Authenticator and no Proxy-State.
/// </summary>
[Trait("Category", "RealService")]
public sealed class AccelIntegrationTests : IAsyncLifetime
{
    private const string DaeSecret = "accel-dae";
    private readonly AccelDaeSimulator _accel = AccelDaeSimulator.Start(DaeSecret);

    public Task InitializeAsync()
    {
        _accel.NasIdentifier = "accel1";
        _accel.AddSession("00000007", "alice", "0C-C6-FD-7B-8B-AA", "10.20.0.7", unit: 7);
        _accel.AddSession("00000008", "bob", "0C-C6-FD-7B-8B-BB", "10.20.0.8", unit: 8);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _accel.DisposeAsync();

    [Theory]
    [InlineData("Acct-Session-Id = \"00000007\"")]
    [InlineData("User-Name = \"alice\", Acct-Session-Id = \"00000007\"")]
    [InlineData("Framed-IP-Address = 10.20.0.7")]
    [InlineData("User-Name = \"alice\", Framed-IP-Address = 10.20.0.7")]
    [InlineData("Calling-Station-Id = \"0C-C6-FD-7B-8B-AA\"")]
    public async Task Disconnect_ByKey_Ack_WithTheClientsProxyStateAndOurMessageAuthenticator(string keys)
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult answer = await proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"accel1\", Proxy-State = 0x7374617465, " + keys);

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(["0x7374617465"], answer.AttributeValues("Proxy-State"));
        Assert.Single(answer.AttributeValues("Message-Authenticator"));
        Assert.Equal(["00000008"], _accel.Sessions.Select(s => s.SessionId));
        AccelReceivedRequest seen = Assert.Single(_accel.Received);
        Assert.Equal((byte)41, seen.AnswerCode);
    }

    [Fact]
    public async Task Disconnect_UserNameAlone_Nak503_FromAccel()
    {
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"accel1\", User-Name = \"alice\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Equal(2, _accel.Sessions.Count);
    }

    [Fact]
    public async Task Disconnect_NasIdentityMismatch_Nak403_Relayed()
    {
        _accel.NasIdentifier = "accel-other";
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas());

        RadclientResult answer = await proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"accel1\", Acct-Session-Id = \"00000007\", Proxy-State = 0x01");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("NAS-Identification-Mismatch", answer.Attribute("Error-Cause"));
        Assert.Equal(["0x01"], answer.AttributeValues("Proxy-State"));
        Assert.Equal(2, _accel.Sessions.Count);
    }

    [Fact]
    public async Task Disconnect_AccelDown_Nak505_AfterTheRetransmissions()
    {
        await _accel.DisposeAsync();
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(Nas(timers: "irt = 200ms  mrc = 2  mrd = 2s"));

        RadclientResult answer = await proxy.RadclientAsync("disconnect", "NAS-Identifier = \"accel1\", Acct-Session-Id = \"00000007\"", timeoutSeconds: 8);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Contains(answer.Attribute("Error-Cause"), new[] { "Proxy-Processing-Error", "Resources-Unavailable" });
    }

    private string Nas(string timers = "") => string.Create(CultureInfo.InvariantCulture,
        $"nas accel1 {{ type = AccelRadiusdesk  nasidentifier = accel1  ipaddr = {IPAddress.Loopback}  dae_port = {_accel.Endpoint.Port}  secret = {DaeSecret}  {timers} }}\n");
}
