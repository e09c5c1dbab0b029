using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// Status-Server (RFC 5997) on the DAS port and the Prometheus endpoint, through the real executable: radclient's
/// <c>status</c> gets a CoA-ACK (what FreeRADIUS's status checks of a <c>type = coa</c> home server accept), a probe
/// without Message-Authenticator gets nothing, probes are counted; the endpoint answers on every listen form and
/// whatever Host header is used.
/// </summary>
[Trait("Category", "RealService")]
public class StatusServerAndMetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StatusServer_AnsweredCoaAck_RequiresMessageAuthenticator_Counted()
    {
        int port = DaemonProcess.FreeUdpPort();
        int metricsPort = DaemonProcess.FreeTcpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            $"metrics {{ listen = localhost:{metricsPort} }}\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        RadclientResult first = await RadclientRunner.RunAsync(server, "status", "testing123", "Message-Authenticator = 0x00", timeoutSeconds: 3);
        RadclientResult second = await RadclientRunner.RunAsync(server, "status", "testing123", "Message-Authenticator = 0x00", timeoutSeconds: 3);
        RadclientResult wrongSecret = await RadclientRunner.RunAsync(server, "status", "wrong", "Message-Authenticator = 0x00", timeoutSeconds: 1);

        // radclient verifies the Response Authenticator and Message-Authenticator of what it prints as received.
        Assert.True(first.ReplyCode == "CoA-ACK", first.ToString());
        Assert.True(second.ReplyCode == "CoA-ACK", second.ToString());
        Assert.NotNull(first.Attribute("Message-Authenticator"));
        Assert.False(wrongSecret.GotReply, wrongSecret.ToString());

        // The same Identifier twice is answered twice (no duplicate cache); without Message-Authenticator: silence.
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] withoutMa = TestPackets.Request(RadiusCode.StatusServer, 9, "testing123", messageAuthenticator: false);
        udp.SendTo(withoutMa, server);
        Assert.Null(await ReceiveAsync(udp, TimeSpan.FromSeconds(1)));
        byte[] probe = StatusServerWithMessageAuthenticator(7, "testing123");
        udp.SendTo(probe, server);
        byte[]? one = await ReceiveAsync(udp, TimeSpan.FromSeconds(5));
        udp.SendTo(probe, server);
        byte[]? two = await ReceiveAsync(udp, TimeSpan.FromSeconds(5));
        Assert.Equal((byte)RadiusCode.CoaAck, one?[0]);
        Assert.Equal((byte)RadiusCode.CoaAck, two?[0]);

        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri($"http://localhost:{metricsPort}/metrics"));
        Assert.Contains("radproxy_das_status_server_requests_total{client=\"local\"} 4", metrics, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_status_server_dropped_total{client=\"local\",reason=\"missing_message_authenticator\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_status_server_dropped_total{client=\"local\",reason=\"bad_message_authenticator\"}", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("[::]", "127.0.0.1")]
    public async Task Metrics_EveryListenForm_Serves_WhateverHostHeader(string listen, string connectTo)
    {
        int port = DaemonProcess.FreeUdpPort();
        int metricsPort = DaemonProcess.FreeTcpPort();
        string metricsListen = string.Create(CultureInfo.InvariantCulture, $"{listen}:{metricsPort}");
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            $"metrics {{ listen = {metricsListen} }}\n");

        using var check = new DaemonProcess(["check-config", "--config", config.Path]);
        (int checkExit, string checkOutput, string checkError) = await check.WaitForExitAsync(s_timeout);
        Assert.True(checkExit == 0, checkError);
        Assert.Contains("metrics: ", checkOutput, StringComparison.Ordinal);

        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Prometheus metrics on", s_timeout);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{connectTo}:{metricsPort}/metrics"));
        request.Headers.Host = "monitoring.example.net";
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# HELP radproxy_das_disconnect_requests_total", body, StringComparison.Ordinal);
        Assert.Contains("RFC 4673 radiusDynAuthServDisconRequests", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"http://{connectTo}:{metricsPort}/other"))).StatusCode);
        daemon.Terminate();
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
    }

    /// <summary>A Status-Server with a random authenticator and a Message-Authenticator over it (RFC 5997 §3).</summary>
    private static byte[] StatusServerWithMessageAuthenticator(byte identifier, string secret)
    {
        byte[] packet = new byte[38];
        packet[0] = (byte)RadiusCode.StatusServer;
        packet[1] = identifier;
        packet[3] = 38;
        System.Security.Cryptography.RandomNumberGenerator.Fill(packet.AsSpan(4, 16));
        packet[20] = 80;
        packet[21] = 18;
        Radius.Crypto.RadiusAuthenticator.SignRequest(packet, new Radius.Crypto.SharedSecret(secret));
        return packet;
    }

    private static async Task<byte[]?> ReceiveAsync(Socket socket, TimeSpan timeout)
    {
        byte[] buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return buffer[..n];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
