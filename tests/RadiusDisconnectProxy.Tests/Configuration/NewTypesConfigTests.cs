using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.AccelRadiusdesk;
using RadiusDisconnectProxy.Drivers.MikrotikRest;
using RadiusDisconnectProxy.Drivers.PrivatePsk;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>The keys of Mikrotik-Rest-API, private_psk and AccelRadiusdesk (docs/mikrotik-rest.md, private-psk.md, accel-ppp.md).</summary>
public sealed class NewTypesConfigTests
{
    private const string Mqtt = "mqtt { mode = external  server = 127.0.0.1 }\n";

    [Fact]
    public void Rest_Defaults_Are_Https_On_443_Verified()
    {
        ProxyOptions options = TempConfig.Parse("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u }");

        var settings = Assert.IsType<MikrotikRestNasSettings>(Assert.Single(options.Nases).Settings);
        Assert.Equal(("192.0.2.7", 443, true, true), (settings.ApiHost, settings.ApiPort, settings.ApiTls, settings.ApiTlsVerify));
    }

    [Fact]
    public void Rest_Over_Http_Defaults_To_Port_80_And_Takes_Any_Pin_Notation()
    {
        ProxyOptions http = TempConfig.Parse("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u  api_tls = no }");
        ProxyOptions pinned = TempConfig.Parse("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u  api_tls_fingerprint = "
            + string.Join(':', Enumerable.Repeat("aB", 32)) + " }");

        Assert.Equal(80, Assert.IsType<MikrotikRestNasSettings>(Assert.Single(http.Nases).Settings).ApiPort);
        Assert.NotNull(Assert.IsType<MikrotikRestNasSettings>(Assert.Single(pinned.Nases).Settings).ApiTlsFingerprint);
    }

    [Theory]
    [InlineData("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u\n api_tls_fingerprint = abcd }", 2, "SHA-256")]
    [InlineData("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u  api_tls = no\n api_tls_fingerprint = " + Sha + " }", 2, "needs 'api_tls = yes'")]
    [InlineData("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u  api_tls_verify = no\n api_tls_fingerprint = " + Sha + " }", 2, "contradicts")]
    [InlineData("nas r7 { type = Mikrotik-Rest-API  ipaddr = 192.0.2.7  api_username = u\n dae_port = 1 }", 2, "unknown key 'dae_port'")]
    [InlineData(Mqtt + "nas p {\n type = private_psk  nasidentifier = mcp_12  node 1 { mac = C4-4B-D1-00-97-49  mesh_id = M } }", 3, "m_hosta_<mesh>_<entry>")]
    [InlineData(Mqtt + "nas p {\n type = private_psk  nasidentifier = m_hosta_5_12 }", 2, "needs the nodes")]
    [InlineData(Mqtt + "nas p { type = private_psk  nasidentifier = m_hosta_5_12\n ap 7 { mac = 64-64-4A-DD-07-0F } }", 3, "'ap' blocks belong to an APdesk")]
    [InlineData("nas p {\n type = private_psk  nasidentifier = a_hosta_3_9  ap 7 { mac = 64-64-4A-DD-07-0F } }", 1, "no mqtt section")]
    [InlineData("nas a {\n type = AccelRadiusdesk  nasidentifier = accel1 }", 1, "or a radiusdesk section")]
    [InlineData("nas a { type = AccelRadiusdesk  nasidentifier = accel1\n secret = s }", 2, "needs 'dae_port'")]
    [InlineData("nas a {\n type = AccelRadiusdesk  nasidentifier = accel1  dae_port = 3799  secret = s }", 1, "needs 'ipaddr'")]
    [InlineData("nas a { type = AccelRadiusdesk  nasidentifier = accel1  ipaddr = 192.0.2.30  dae_port = 3799  secret = s\n mrc = 0 mrd = 0 }", 2, "would retransmit forever")]
    [InlineData("nas a { type = AccelRadiusdesk  nasidentifier = accel1  ipaddr = 192.0.2.30  dae_port = 3799  secret = s\n irt = 5s mrt = 1s }", 2, "must not be shorter than 'irt'")]
    public void Mistakes_Name_Their_Line(string text, int line, string message)
    {
        ConfigurationException e = TempConfig.ParseError(text);

        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_Psk_Reads_Nodes_Or_Aps()
    {
        ProxyOptions mesh = TempConfig.Parse(Mqtt + "nas p { type = private_psk  nasidentifier = m_hosta_5_12  node 146 { mac = c4:4b:d1:00:97:49  mesh_id = MY-MESH } }");
        ProxyOptions ap = TempConfig.Parse(Mqtt + "nas p { type = private_psk  nasidentifier = a_hosta_3_9  ap 7 { mac = 64-64-4a-dd-07-0f } }");

        Assert.Equal("C4-4B-D1-00-97-49", Assert.Single(Assert.IsType<PrivatePskNasSettings>(Assert.Single(mesh.Nases).Settings).Nodes).Mac);
        Assert.Equal(7, Assert.Single(Assert.IsType<PrivatePskNasSettings>(Assert.Single(ap.Nases).Settings).AccessPoints).ApId);
    }

    [Fact]
    public void Accel_Forwards_With_Dae_Port_Else_Uses_The_Database()
    {
        ProxyOptions dae = TempConfig.Parse("nas a { type = AccelRadiusdesk  nasidentifier = accel1  ipaddr = 192.0.2.30  dae_port = 3799  secret = s3cr3t-value  mrd = 5s }");
        ProxyOptions database = TempConfig.Parse("radiusdesk { connection_string = \"Server=127.0.0.1\" }\nnas a { type = AccelRadiusdesk  nasidentifier = accel1 }");

        var forwarding = Assert.IsType<AccelNasSettings>(Assert.Single(dae.Nases).Settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.30"), 3799), forwarding.DaeEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), forwarding.Timers.Mrd);
        Assert.DoesNotContain("s3cr3t-value", forwarding.ToString(), StringComparison.Ordinal);
        Assert.False(Assert.IsType<AccelNasSettings>(Assert.Single(database.Nases).Settings).Forwards);
    }

    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
