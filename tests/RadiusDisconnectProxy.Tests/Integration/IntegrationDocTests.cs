using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// The configuration snippets of docs/integration.md, read from the page itself (the code block after each
/// <c>&lt;!-- tested: NAME --&gt;</c>) and run as written, only their addresses and ports moved to loopback: the
/// FreeRADIUS 3.2 <c>home_server { type = coa … status_check = status-server }</c>, pool and coa-relay virtual server
/// in front of the whole daemon with the page's client entry; radclient → FreeRADIUS → proxy → RFC 5176 NAS → ACK.
/// </summary>
[Trait("Category", "RealService")]
public sealed partial class IntegrationDocTests
{
    private const string DocProxyAddress = "192.0.2.10";
    private const string DocFreeRadiusAddress = "192.0.2.20";
    private const string NasSecret = "bras-secret";

    private static readonly string s_page = File.ReadAllText(Path.Combine(Install.Command.RepositoryRoot, "docs", "integration.md"));

    [Fact]
    public async Task FreeRadiusSnippets_AsWritten_RelayRadclientsDisconnectThroughTheProxy_Ack()
    {
        await using NasSimulator bras = NasSimulator.Start(NasSecret);
        string proxyClient = Snippet("proxy-client-freeradius").Replace(DocFreeRadiusAddress, "127.0.0.1", StringComparison.Ordinal);
        await using IntegrationProxy proxy = await IntegrationProxy.StartAsync(
            proxyClient + "\n" + string.Create(CultureInfo.InvariantCulture,
                $"nas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {bras.Endpoint.Port}  secret = {NasSecret} }}\n"),
            defaultClient: false);

        int listenPort = FreeUdpPort();
        string proxyConf = Snippet("freeradius-proxy-conf");
        string relay = Snippet("freeradius-coa-relay");
        Assert.Contains("status_check = status-server", proxyConf, StringComparison.Ordinal);
        string site =
            OnlyPort().Replace(proxyConf.Replace(DocProxyAddress, "127.0.0.1", StringComparison.Ordinal), $"port = {proxy.EndPoint.Port}", 1)
            + "\n"
            + OnlyPort().Replace(relay.Replace("ipaddr = *", "ipaddr = 127.0.0.1", StringComparison.Ordinal), $"port = {listenPort}", 1);
        await using FreeRadiusCoaProxy freeRadius = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            ClientSecret = "dac-secret",
            ListenPort = listenPort,
            SiteConfig = site,
        });

        RadclientResult answer = await RadclientRunner.RunAsync(freeRadius.Endpoint, "disconnect", "dac-secret",
            "NAS-Identifier = \"bras-1\", User-Name = \"alice\", Acct-Session-Id = \"S1\", Message-Authenticator = 0x00", timeoutSeconds: 10);

        Assert.True(answer.ReplyCode == "Disconnect-ACK" && answer.ExitCode == 0, answer + freeRadius.Output);
        NasReceivedPacket atNas = Assert.Single(bras.Received);
        Assert.Equal(RadiusCode.DisconnectRequest, atNas.Code);
        Assert.Equal("S1", atNas.AcctSessionId);
    }

    [Fact]
    public void RadiusDeskSnippet_IsAValidProxyConfiguration()
    {
        string directory = Directory.CreateTempSubdirectory("rdp-doc-").FullName;
        try
        {
            string path = Path.Combine(directory, "radius.conf");
            File.WriteAllText(path, "listen { ipaddr = 127.0.0.1  port = 0 }\nmqtt { mode = off }\n" + Snippet("proxy-client-radiusdesk"));

            ProxyOptions options = ProxyOptionsLoader.Load(path, NasTypes.Builtin.All, [], new Dictionary<string, string>());

            Assert.Contains(options.Clients, c => c.Name == "radiusdesk");
            Assert.Contains(options.Nases, n => n.Name == "bras7");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The fenced code block right after <c>&lt;!-- tested: NAME --&gt;</c> in docs/integration.md.</summary>
    private static string Snippet(string name)
    {
        Match match = Regex.Match(s_page, $@"<!-- tested: {Regex.Escape(name)} -->\s*```[^\n]*\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/integration.md has no block tested: {name}");
        return match.Groups[1].Value;
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"\bport = 3799\b")]
    private static partial Regex OnlyPort();
}
