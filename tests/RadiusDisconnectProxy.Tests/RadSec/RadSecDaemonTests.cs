using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Configuration;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.RadSec;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>The real executable with <c>listen_tls</c>: RadSec and UDP answered side by side, a clean SIGTERM stop.</summary>
[Trait("Category", "RealService")]
public class RadSecDaemonTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Daemon_AnswersOverRadSecAndUdp_AndStopsCleanly()
    {
        using TestPki pki = TestPki.Create();
        int tlsPort = DaemonProcess.FreeTcpPort();
        int udpPort = FreeUdpPort();
        using var config = new TempConfig($$"""
            listen { ipaddr = 127.0.0.1  port = {{udpPort}} }
            listen_tls { ipaddr = 127.0.0.1  port = {{tlsPort}}  certificate = {{pki.ServerCertificate}}  private_key = {{pki.ServerKey}}  ca_file = {{pki.CaFile}} }
            client local { ipaddr = 127.0.0.1  secret = testing123 }
            client fr1 { ipaddr = 127.0.0.1  proto = tls  certificate_subject = "CN=fr1" }
            mqtt { mode = off }
            """);
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        var endpoint = new IPEndPoint(IPAddress.Loopback, tlsPort);
        using var certificate = TestPki.Load(pki.IssueClient("CN=fr1"));

        RadSecTestClient client = await ConnectWhenReadyAsync(endpoint, certificate, pki.CaFile, daemon);
        await using (client)
        {
            byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, [(RadiusAttributeType.UserName, "bob"), (RadiusAttributeType.NasIdentifier, "nowhere")]);
            byte[]? answer = await client.ExchangeAsync(request, TimeSpan.FromSeconds(10));
            Assert.NotNull(answer);
            Assert.Equal((byte)RadiusCode.DisconnectNak, answer[0]);
            Assert.True(client.IsAnswerTo(answer, request));
            Assert.Equal(ErrorCause.RequestNotRoutable, RadSecTestClient.ErrorCauseOf(answer));

            RadclientResult udp = await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, udpPort), "disconnect", "testing123",
                "User-Name = \"bob\", NAS-Identifier = \"nowhere\", Message-Authenticator = 0x00", 5, 1);
            Assert.True(udp.ReplyCode == "Disconnect-NAK", udp.ToString());
        }

        daemon.Terminate();
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("\"RadSec\"", output, StringComparison.Ordinal);   // the Connected event names the profile
    }

    private static async Task<RadSecTestClient> ConnectWhenReadyAsync(IPEndPoint endpoint, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
        string caFile, DaemonProcess daemon)
    {
        using var deadline = new CancellationTokenSource(s_timeout);
        while (true)
        {
            try
            {
                return await RadSecTestClient.ConnectAsync(endpoint, certificate, caFile, cancellationToken: deadline.Token);
            }
            catch (SocketException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                daemon.Terminate();
                (int code, string output, string error) = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));
                throw new TimeoutException($"the daemon never accepted RadSec connections (exit {code})\n{output}\n{error}");
            }
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
