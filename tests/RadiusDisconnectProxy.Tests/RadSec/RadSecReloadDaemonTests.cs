using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>
/// SIGHUP and RadSec through the real executable (docs/radsec.md, "Reload"): a <c>proto = tls</c> client added to
/// radius.conf is accepted after the signal, a removed one's open connection gets the answer to its request in flight
/// and is then closed, renewed certificate files serve new handshakes while established connections keep going, and an
/// unreadable certificate or a key that does not match rejects the reload (event 107, naming the file).
/// </summary>
[Trait("Category", "RealService")]
public class RadSecReloadDaemonTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    /// <summary>Event 106 (reload applied) in the JSON log.</summary>
    private const string Applied = "\"EventId\":{\"Id\":106";
    private static readonly IPAddress s_fr2Address = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Sighup_AddsAndRemovesRadSecClients_InFlightRequestIsAnsweredBeforeTheClose()
    {
        using TestPki pki = TestPki.Create();
        await using NasSimulator nas = NasSimulator.Start("nassecret");
        int tlsPort = DaemonProcess.FreeTcpPort();
        string Config(bool fr1, bool fr2) => Base(pki, tlsPort, DaemonProcess.FreeUdpPort(), nas.Endpoint.Port)
            + (fr1 ? "client fr1 { ipaddr = 127.0.0.1  proto = tls  certificate_subject = \"CN=fr1\" }\n" : "")
            + (fr2 ? "client fr2 { ipaddr = 127.0.0.2  proto = tls  certificate_subject = \"CN=fr2\" }\n" : "");
        using var config = new DaemonConfig(Config(fr1: true, fr2: false));
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for RadSec", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, tlsPort);
        using X509Certificate2 fr1Certificate = TestPki.Load(pki.IssueClient("CN=fr1"));
        using X509Certificate2 fr2Certificate = TestPki.Load(pki.IssueClient("CN=fr2"));
        Task<RadSecTestClient> ConnectFr2() => RadSecTestClient.ConnectAsync(server, fr2Certificate, pki.CaFile, localAddress: s_fr2Address);

        await using RadSecTestClient fr1 = await RadSecTestClient.ConnectAsync(server, fr1Certificate, pki.CaFile);
        await AssertAckAsync(fr1, "alice", daemon);
        Assert.True(await RadSecListenerTests.RefusedAsync(ConnectFr2), "fr2 is no client yet");

        // Add fr2; HUP: fr2 is accepted, fr1's connection (unchanged entry) keeps going.
        config.Write(Config(fr1: true, fr2: true));
        daemon.Hangup();
        await daemon.WaitForOutputAsync(Applied, s_timeout);
        await using RadSecTestClient fr2 = await ConnectFr2();
        await AssertAckAsync(fr2, "bob", daemon);
        await AssertAckAsync(fr1, "carol", daemon);

        // A request of fr1 held by the NAS; remove fr1, HUP: it gets its answer, then the connection closes.
        nas.Behavior = new NasSimulatorBehavior { Delay = TimeSpan.FromSeconds(3) };
        long received = nas.ReceivedCount;
        byte[] held = fr1.BuildRequest(RadiusCode.DisconnectRequest, Request("dave"));
        await fr1.SendAsync(held);
        await nas.WaitForReceivedAsync((int)received + 1, s_timeout);
        config.Write(Config(fr1: false, fr2: true));
        daemon.Hangup();
        await daemon.WaitForOutputAsync(Applied, s_timeout, count: 2);
        string output = await daemon.WaitForOutputAsync("closes after its requests in flight are answered", s_timeout);
        Assert.Contains("client fr1 was removed", output, StringComparison.Ordinal);
        using (var cts = new CancellationTokenSource(s_timeout))
        {
            byte[]? answer = await RadSecListenerTests.ReceiveOrClosedAsync(fr1, cts.Token);
            Assert.True(answer is not null, daemon.Output);
            Assert.True(fr1.IsAnswerTo(answer, held));
            Assert.Equal((byte)RadiusCode.DisconnectAck, answer[0]);
            Assert.Null(await RadSecListenerTests.ReceiveOrClosedAsync(fr1, cts.Token));
        }

        Assert.True(await RadSecListenerTests.RefusedAsync(() => RadSecTestClient.ConnectAsync(server, fr1Certificate, pki.CaFile)), "fr1 was removed");
        nas.Behavior = NasSimulatorBehavior.Ack;
        await AssertAckAsync(fr2, "erin", daemon);

        daemon.Terminate();
        (int exitCode, string final, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{final}\n{error}");
    }

    [Fact]
    public async Task Sighup_RenewedCertificateServesNewHandshakes_BrokenFilesAreRejectedAndTheOldOneKept()
    {
        using TestPki pki = TestPki.Create();
        await using NasSimulator nas = NasSimulator.Start("nassecret");
        int tlsPort = DaemonProcess.FreeTcpPort();
        using var config = new DaemonConfig(Base(pki, tlsPort, DaemonProcess.FreeUdpPort(), nas.Endpoint.Port)
            + "client fr1 { ipaddr = 127.0.0.1  proto = tls  certificate_subject = \"CN=fr1\" }\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for RadSec", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, tlsPort);
        using X509Certificate2 certificate = TestPki.Load(pki.IssueClient("CN=fr1"));
        Task<RadSecTestClient> Connect() => RadSecTestClient.ConnectAsync(server, certificate, pki.CaFile);

        await using RadSecTestClient old = await Connect();
        string first = old.ServerCertificate!.Thumbprint;
        string oldKey = File.ReadAllText(pki.ServerKey);

        // Renewed in place (as certbot does), HUP: a new connection sees the new certificate; the old one still works.
        string renewed = pki.RenewServerCertificate();
        daemon.Hangup();
        await daemon.WaitForOutputAsync(Applied, s_timeout);
        Assert.Contains(renewed, daemon.Output, StringComparison.Ordinal);   // the reload names the thumbprint served now
        await using (RadSecTestClient fresh = await Connect())
        {
            Assert.NotEqual(first, renewed);
            Assert.Equal(renewed, fresh.ServerCertificate!.Thumbprint);
            await AssertAckAsync(fresh, "alice", daemon);
        }

        await AssertAckAsync(old, "bob", daemon);

        // A certificate file that does not parse: rejected, naming the file; the renewed certificate is still served.
        string renewedPem = File.ReadAllText(pki.ServerCertificate);
        File.WriteAllText(pki.ServerCertificate, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        daemon.Hangup();
        string output = await daemon.WaitForOutputAsync("Reload rejected", s_timeout);
        string rejected = Assert.Single(output.Split('\n'), l => l.Contains("Reload rejected", StringComparison.Ordinal));
        Assert.Contains("\"EventId\":{\"Id\":107", rejected, StringComparison.Ordinal);
        Assert.Contains(pki.ServerCertificate, rejected, StringComparison.Ordinal);
        Assert.Contains(config.Path + ":", rejected, StringComparison.Ordinal);
        await AssertServesAsync(Connect, renewed, daemon);

        // A key that does not belong to the certificate: rejected too.
        File.WriteAllText(pki.ServerCertificate, renewedPem);
        File.WriteAllText(pki.ServerKey, oldKey);
        daemon.Hangup();
        output = await daemon.WaitForOutputAsync("Reload rejected", s_timeout, count: 2);
        Assert.Contains(pki.ServerKey, output.Split('\n').Last(l => l.Contains("Reload rejected", StringComparison.Ordinal)), StringComparison.Ordinal);
        await AssertServesAsync(Connect, renewed, daemon);
        await AssertAckAsync(old, "carol", daemon);

        daemon.Terminate();
        (int exitCode, string final, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{final}\n{error}");
        Assert.Equal(1, final.Split('\n').Count(l => l.Contains(Applied, StringComparison.Ordinal)));
    }

    private static string Base(TestPki pki, int tlsPort, int udpPort, int nasPort) => string.Create(CultureInfo.InvariantCulture, $$"""
        listen { ipaddr = 127.0.0.1  port = {{udpPort}} }
        listen_tls { ipaddr = 127.0.0.1  port = {{tlsPort}}  certificate = {{pki.ServerCertificate}}  private_key = {{pki.ServerKey}}  ca_file = {{pki.CaFile}} }
        nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {{nasPort}}  secret = nassecret }
        mqtt { mode = off }
        log { format = json }

        """);

    private static (byte, string)[] Request(string user) => [(RadiusAttributeType.UserName, user), (RadiusAttributeType.NasIdentifier, "bras-1")];

    private static async Task AssertAckAsync(RadSecTestClient client, string user, DaemonProcess daemon)
    {
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Request(user));
        byte[]? answer = await client.ExchangeAsync(request, TimeSpan.FromSeconds(20));
        Assert.True(answer is not null && client.IsAnswerTo(answer, request) && answer[0] == (byte)RadiusCode.DisconnectAck, daemon.Output);
    }

    private static async Task AssertServesAsync(Func<Task<RadSecTestClient>> connect, string thumbprint, DaemonProcess daemon)
    {
        await using RadSecTestClient client = await connect();
        Assert.Equal(thumbprint, client.ServerCertificate!.Thumbprint);
        await AssertAckAsync(client, "frank", daemon);
    }
}
