using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// SIGTERM through the real executable (docs/operations.md, "Stopping"): it stops receiving, answers every request it
/// already accepted within that request's NAS deadline, and exits 0 — the command-line library's 2 s termination
/// timeout no longer cuts the drain short.
/// </summary>
[Trait("Category", "RealService")]
public class SignalTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the fallback mode (RDP_NO_IOLOOP=1): every upstream socket relays answers on its own thread
    public async Task Sigterm_RequestInFlightToSlowRfc5176Nas_IsAnswered_Exit0(bool withoutIoLoop)
    {
        await using NasSimulator nas = NasSimulator.Start("nassecret", new NasSimulatorBehavior { Delay = TimeSpan.FromSeconds(4) });
        int port = DaemonProcess.FreeUdpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            $"nas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {nas.Endpoint.Port}  secret = nassecret  irt = 6s  mrc = 1  mrd = 8s }}\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path],
            withoutIoLoop ? new Dictionary<string, string> { ["RDP_NO_IOLOOP"] = "1" } : null);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);

        Task<RadclientResult> answer = RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "disconnect", "testing123",
            "User-Name = \"alice\", NAS-Identifier = \"bras-1\", Message-Authenticator = 0x00", timeoutSeconds: 15);
        await nas.WaitForReceivedAsync(1, s_timeout);
        RadclientResult alive = await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "status", "testing123",
            "Message-Authenticator = 0x00", timeoutSeconds: 2);
        var stopwatch = Stopwatch.StartNew();
        daemon.Terminate();
        await daemon.WaitForOutputAsync("Stopped receiving", s_timeout);
        RadclientResult draining = await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "status", "testing123",
            "Message-Authenticator = 0x00", timeoutSeconds: 1);
        RadclientResult result = await answer;
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.True(alive.ReplyCode == "CoA-ACK", alive.ToString());
        Assert.False(draining.GotReply, $"a draining proxy answered Status-Server: {draining}");
        Assert.True(result.ReplyCode == "Disconnect-ACK", $"{result}\n{output}\n{error}");
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.True(stopwatch.Elapsed > TimeSpan.FromSeconds(2.5), $"stopped after {stopwatch.Elapsed}: the NAS answers only after 4 s");
        Assert.Contains("Stopped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_RequestInFlightToSilentMeshdeskNode_IsAnsweredNak506_Exit0()
    {
        int port = DaemonProcess.FreeUdpPort();
        int mqttPort = DaemonProcess.FreeTcpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            $"mqtt {{ mode = embedded  server = 127.0.0.1  port = {mqttPort}  reply_timeout = 4s }}\n" +
            "nas mesh12 { type = CoovaMeshdesk  nasidentifier = mcp_12\n  node 146 { mac = C4-4B-D1-00-97-49  mesh_id = MY-MESH } }\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);
        SimulatedNode node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleet = await NodeFleet.StartAsync("127.0.0.1", mqttPort, null, null, [node]);
        await fleet.SetBehaviourAsync(node, NodeBehaviour.Silent);

        Task<RadclientResult> answer = RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "disconnect", "testing123",
            "User-Name = \"alice\", NAS-Identifier = \"mcp_12\", Calling-Station-Id = \"AA-BB-CC-DD-EE-01\", Message-Authenticator = 0x00",
            timeoutSeconds: 15);
        await node.WaitForCommandsAsync(1, s_timeout);
        var stopwatch = Stopwatch.StartNew();
        daemon.Terminate();
        RadclientResult result = await answer;
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.True(result.ReplyCode == "Disconnect-NAK", $"{result}\n{output}\n{error}");
        Assert.Equal("Resources-Unavailable", result.Attribute("Error-Cause"));
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.True(stopwatch.Elapsed > TimeSpan.FromSeconds(2.5), $"stopped after {stopwatch.Elapsed}: the node's deadline is 4 s");
    }

    /// <summary>
    /// 500 requests/s for 2 s to a NAS that never answers; SIGTERM once all 1,000 were accepted: each one gets exactly
    /// one answer (NAK 505 after its RFC 5080 retransmissions), then the process exits 0.
    /// </summary>
    [Fact]
    public async Task Sigterm_UnderLoadToSilentNas_EveryAcceptedRequestAnsweredOnce_Exit0()
    {
        const int sockets = 4;
        const int perSocket = 250;
        await using NasSimulator nas = NasSimulator.Start("nassecret", new NasSimulatorBehavior { NeverAnswer = true, Record = false });
        int port = DaemonProcess.FreeUdpPort();
        int metricsPort = DaemonProcess.FreeTcpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            $"metrics {{ listen = 127.0.0.1:{metricsPort} }}\naudit {{ enabled = no }}\n" +
            $"nas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {nas.Endpoint.Port}  secret = nassecret  irt = 1s  mrc = 2  mrt = 2s  mrd = 4s }}\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);

        var server = new IPEndPoint(IPAddress.Loopback, port);
        var clients = Enumerable.Range(0, sockets).Select(_ => new LoadClient(server)).ToArray();
        try
        {
            // 5 requests every 10 ms (500/s) until every socket has sent its share: bounded, 2 s.
            for (int i = 0; i < perSocket * sockets / 5; i++)
            {
                for (int k = 0; k < 5; k++)
                {
                    int n = (i * 5) + k;
                    clients[n % sockets].Send((byte)(n / sockets), $"user{n}");
                }

                await Task.Delay(10);
            }

            using var http = new HttpClient();
            string metric = $"radproxy_das_disconnect_requests_total{{client=\"local\"}} {perSocket * sockets}";
            var deadline = DateTime.UtcNow + s_timeout;
            while (!(await http.GetStringAsync(new Uri($"http://localhost:{metricsPort}/metrics"))).Contains(metric, StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, "the proxy did not accept every request");
                await Task.Delay(50);
            }

            var stopwatch = Stopwatch.StartNew();
            daemon.Terminate();
            (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);
            TimeSpan drain = stopwatch.Elapsed;
            await Task.Delay(200); // the last answers are in the client sockets' buffers by now

            Assert.True(exitCode == 0, $"exit {exitCode} after {drain}\n{output}\n{error}");
            foreach (LoadClient client in clients)
            {
                for (int id = 0; id < perSocket; id++)
                {
                    Assert.True(client.Answers[id] == 1, $"identifier {id}: {client.Answers[id]} answers (drain took {drain})\n{output}");
                }
            }
        }
        finally
        {
            foreach (LoadClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>One UDP socket sending Disconnect-Requests and counting the answers per Identifier.</summary>
    private sealed class LoadClient : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _server;
        private readonly Task _receiving;

        public LoadClient(IPEndPoint server)
        {
            _server = server;
            _socket.ReceiveBufferSize = 1 << 20;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _receiving = Task.Run(ReceiveAsync);
        }

        public int[] Answers { get; } = new int[256];

        public void Send(byte identifier, string user) =>
            _socket.SendTo(TestPackets.Disconnect(identifier, "testing123", messageAuthenticator: true,
                TestPackets.UserName(user), TestPackets.NasIdentifier("bras-1")), _server);

        public void Dispose()
        {
            _socket.Dispose();
            try
            {
                _receiving.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Closed.
            }
        }

        private async Task ReceiveAsync()
        {
            byte[] buffer = new byte[4096];
            while (true)
            {
                int n;
                try
                {
                    n = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                if (n >= 20 && buffer[0] is 41 or 42)
                {
                    Interlocked.Increment(ref Answers[buffer[1]]);
                }
            }
        }
    }
}
