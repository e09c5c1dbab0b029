using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 3 item 9: FreeRADIUS 3.2.1 itself (<c>home_server type = coa</c>) proxies radclient's Disconnect-Request and
/// CoA-Request to the whole daemon, whose client entry for FreeRADIUS says <c>response_message_authenticator = no</c>
/// (FreeRADIUS 3.2.0–3.2.3 re-signs a relayed Message-Authenticator wrongly); radclient accepts the relayed answers.
/// radclient talking to the daemon directly (over ::1, a client with the default <c>yes</c>) accepts its signed answers.
/// </summary>
[Trait("Category", "RealService")]
public sealed class FreeRadiusUpstreamTests : IAsyncLifetime
{
    private const string UpstreamSecret = "freeradius-to-proxy";
    private const string RadclientSecret = "radclient-to-freeradius";
    private const string NasSecret = "bras-secret";

    private readonly NasSimulator _bras = NasSimulator.Start(NasSecret);
    private readonly RouterOsSimulator _router = new();
    private IntegrationProxy _proxy = null!;
    private FreeRadiusCoaProxy _freeRadius = null!;

    public async Task InitializeAsync()
    {
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _proxy = await IntegrationProxy.StartAsync(
            string.Create(CultureInfo.InvariantCulture, $$"""
                client freeradius { ipaddr = 127.0.0.1  secret = {{UpstreamSecret}}  response_message_authenticator = no }
                client direct { ipaddr = ::1  secret = {{IntegrationProxy.Secret}} }
                nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {{_bras.Endpoint.Port}}  secret = {{NasSecret}}
                            irt = 1s  mrc = 2  mrt = 1s  mrd = 3s }
                nas hq { type = Mikrotik-API  nasidentifier = hq  api_host = 127.0.0.1  api_port = {{_router.Port}}
                         api_username = {{_router.Options.Username}}  api_password = {{_router.Options.Password}} }

                """),
            defaultClient: false,
            listenAddresses: "ipaddr = 127.0.0.1  ipaddr = ::1");
        _freeRadius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            Upstream = _proxy.EndPoints[0],
            UpstreamSecret = UpstreamSecret,
            ClientSecret = RadclientSecret,
        });
    }

    public async Task DisposeAsync()
    {
        await _freeRadius.DisposeAsync();
        await _proxy.DisposeAsync();
        await _router.DisposeAsync();
        await _bras.DisposeAsync();
    }

    [Fact]
    public async Task Disconnect_ThroughFreeRadius_ForwardedToTheNas_RadclientAcceptsTheRelayedAck()
    {
        RadclientResult answer = await RadclientRunner.RunAsync(_freeRadius.Endpoint, "disconnect", RadclientSecret,
            "NAS-Identifier = \"bras-1\", User-Name = \"alice\", Acct-Session-Id = \"S1\", Proxy-State = \"dac-1\", Message-Authenticator = 0x00",
            timeoutSeconds: 5);

        Assert.True(answer.ReplyCode == "Disconnect-ACK" && answer.ExitCode == 0, answer + _freeRadius.Output);
        Assert.Equal("0x6461632d31", answer.Attribute("Proxy-State")); // "dac-1", printed as octets
        NasReceivedPacket atNas = Assert.Single(_bras.Received);
        Assert.Equal(RadiusCode.DisconnectRequest, atNas.Code);
        Assert.Equal("S1", atNas.AcctSessionId);
        // The DAC's, FreeRADIUS's, then ours (RFC 5176 §3.1: each proxy appends one).
        Assert.Equal(3, atNas.ProxyStates.Count);
        Assert.Equal("dac-1"u8.ToArray(), atNas.ProxyStates[0]);
    }

    [Fact]
    public async Task Coa_ThroughFreeRadius_RateChangedOnTheRouter_RadclientAcceptsTheRelayedAck()
    {
        RadclientResult answer = await RadclientRunner.RunAsync(_freeRadius.Endpoint, "coa", RadclientSecret,
            "NAS-Identifier = \"hq\", User-Name = \"alice\", Mikrotik-Rate-Limit = \"256k/512k\", Message-Authenticator = 0x00", timeoutSeconds: 5);

        Assert.True(answer.ReplyCode == "CoA-ACK" && answer.ExitCode == 0, answer + _freeRadius.Output);
        Assert.Equal("256k/512k", _router.FindQueue("<hotspot-alice>")?["max-limit"]);
    }

    [Fact]
    public async Task Nak_ThroughFreeRadius_RadclientAcceptsTheRelayedErrorCause()
    {
        RadclientResult answer = await RadclientRunner.RunAsync(_freeRadius.Endpoint, "disconnect", RadclientSecret,
            "NAS-Identifier = \"hq\", User-Name = \"mallory\", Message-Authenticator = 0x00", timeoutSeconds: 5);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer + _freeRadius.Output);
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Equal(1, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Direct_DefaultResponseMessageAuthenticator_RadclientAcceptsTheSignedAnswer()
    {
        IPEndPoint direct = _proxy.EndPoints.Single(e => e.Address.Equals(IPAddress.IPv6Loopback));

        RadclientResult answer = await RadclientRunner.RunAsync(direct, "disconnect", IntegrationProxy.Secret,
            "NAS-Identifier = \"hq\", Framed-IP-Address = 10.5.50.10, Message-Authenticator = 0x00", timeoutSeconds: 5);

        Assert.True(answer.ReplyCode == "Disconnect-ACK" && answer.ExitCode == 0, answer.ToString());
        Assert.NotNull(answer.Attribute("Message-Authenticator"));
        Assert.Equal(0, _router.HotspotActive.Count);
    }
}
