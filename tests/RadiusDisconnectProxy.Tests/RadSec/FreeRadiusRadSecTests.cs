using RadiusDisconnectProxy.Forwarder;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.RadSec;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>
/// Debian's FreeRADIUS 3.2 as the RadSec DAC: radclient → FreeRADIUS (<c>home_server { type = coa  proto = tcp
/// tls { … } }</c>) → RadSec → the proxy → an RFC 5176 NAS simulator (<c>type = other</c>) → back the same way.
/// </summary>
[Trait("Category", "RealService")]
public class FreeRadiusRadSecTests
{
    private const string NasSecret = "nas-secret";
    private const string RadclientSecret = "fr-client-secret";

    [Fact]
    public async Task RadclientThroughFreeRadiusOverRadSec_ReachesTheNasAndBack()
    {
        await using NasSimulator nas = NasSimulator.Start(NasSecret);
        var target = new NasTarget
        {
            Name = "bras1",
            Type = "other",
            NasIdentifier = "bras-1",
            Settings = new ForwardingNasSettings
            {
                CoaEndpoint = nas.Endpoint,
                Secret = NasSecret,
                Timers = new RetransmissionTimers(TimeSpan.FromMilliseconds(200), 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
            },
        };
        // FreeRADIUS 3.2.1 re-signs a relayed Message-Authenticator wrongly toward radclient (docs/forwarding.md).
        await using RadSecHost host = await RadSecHost.StartAsync(
            nases: [target],
            configure: services => new ForwardingNasType().AddServices(services, TestOptions.Create()),
            tuneClient: c => c with { Security = c.Security with { ResponseMessageAuthenticator = false } });
        (string certificate, string key) = host.Pki.IssueClient("CN=freeradius");
        await using FreeRadiusCoaProxy freeradius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            Upstream = host.TlsEndPoint,
            UpstreamSecret = "radsec",
            UpstreamTls = new FreeRadiusTlsOptions(certificate, key, host.Pki.CaFile),
            ClientSecret = RadclientSecret,
        });

        RadclientResult disconnect = await RadclientRunner.RunAsync(freeradius.Endpoint, "disconnect", RadclientSecret,
            "User-Name = \"alice\", NAS-Identifier = \"bras-1\", Proxy-State = 0x0a0b", timeoutSeconds: 10, retries: 1);
        Assert.True(disconnect.ReplyCode == "Disconnect-ACK", disconnect + "\n" + freeradius.Output);
        Assert.Equal(1, nas.AnsweredCount);
        Assert.Equal(1, host.Proxy.Services.GetRequiredService<RadSecMetrics>().Connections.WithLabels("fr1").Value);

        RadclientResult unroutable = await RadclientRunner.RunAsync(freeradius.Endpoint, "coa", RadclientSecret,
            "User-Name = \"bob\", NAS-Identifier = \"nowhere\", Session-Timeout = 60", timeoutSeconds: 10, retries: 1);
        Assert.True(unroutable.ReplyCode == "CoA-NAK", unroutable + "\n" + freeradius.Output);
        Assert.Equal("Proxy-Request-Not-Routable", unroutable.Attribute("Error-Cause"));
        Assert.Equal(1, nas.AnsweredCount);
    }
}
