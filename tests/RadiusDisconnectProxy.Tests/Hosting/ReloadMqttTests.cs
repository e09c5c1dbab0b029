using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RadiusDisconnectProxy.Tests.Integration;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// SIGHUP with a changed <c>mqtt</c> section, through the real executable (docs/operations.md, "Reload"): the daemon
/// connects to the new broker with the new login, sends new commands there, lets a command already sent on the old
/// connection get its reply there, then closes the old connection; a new broker that cannot be reached means NAK 506
/// and retries until it is there, never an exit. Real mosquitto brokers, simulated MESHdesk nodes.
/// </summary>
[Trait("Category", "RealService")]
public sealed partial class ReloadMqttTests
{
    private const string ClientMac = "0C-C6-FD-7B-8B-AA";
    private const string UserB = "nodes-b";
    private const string PasswordB = "b-r0tated-secret";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sighup_NewBrokerAndLogin_NewCommandsGoThere_InFlightAnsweredOnceOnTheOld_OldClosed()
    {
        await using MosquittoBroker brokerA = await MosquittoBroker.StartAsync();
        await using MosquittoBroker brokerB = await MosquittoBroker.StartAsync(UserB, PasswordB);
        // The same mesh node reachable through either broker (a site moved to another broker).
        SimulatedNode nodeA = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        SimulatedNode nodeB = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleetA = await NodeFleet.StartAsync(brokerA.Host, brokerA.Port, null, null, [nodeA]);
        await using NodeFleet fleetB = await NodeFleet.StartAsync(brokerB.Host, brokerB.Port, UserB, PasswordB, [nodeB]);

        int port = DaemonProcess.FreeUdpPort();
        string common = DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n"
            + CoovaIntegrationTests.MeshNas("mesh12", "mcp_12", nodeA);
        using var config = new DaemonConfig(common + Mqtt(brokerA.Port, null, null, "6s"));
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync(Connected(brokerA.Port), s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        RadclientResult first = await DisconnectAsync(server, "alice");
        Assert.True(first.ReplyCode == "Disconnect-ACK", $"{first}\n{daemon.Output}");
        Assert.Equal(1, nodeA.ReceivedCount);

        // carol's command is on its way through A when the reload comes: node A answers 3 s later, still on A.
        nodeA.SlowDelay = TimeSpan.FromSeconds(3);
        await fleetA.SetBehaviourAsync(nodeA, NodeBehaviour.Slow);
        Task<RadclientResult> inFlight = DisconnectAsync(server, "carol", timeoutSeconds: 15);
        await nodeA.WaitForCommandsAsync(2, s_timeout);

        config.Write(common + Mqtt(brokerB.Port, UserB, PasswordB, "2s"));
        daemon.Hangup();
        await daemon.WaitForOutputAsync("Reloaded", s_timeout);
        string output = await daemon.WaitForOutputAsync(Connected(brokerB.Port), s_timeout);
        Assert.DoesNotContain("takes effect after a restart", output, StringComparison.Ordinal);

        RadclientResult viaB = await DisconnectAsync(server, "bob");
        Assert.True(viaB.ReplyCode == "Disconnect-ACK", $"{viaB}\n{daemon.Output}");
        Assert.Equal(1, nodeB.ReceivedCount);
        Assert.Equal(2, nodeA.ReceivedCount);

        RadclientResult carol = await inFlight;
        Assert.True(carol.ReplyCode == "Disconnect-ACK", $"{carol}\n{daemon.Output}");
        // The old connection closes once the in-flight reply had its time; A gets nothing more.
        output = await daemon.WaitForOutputAsync($"MQTT connection to 127.0.0.1:{brokerA.Port.ToString(CultureInfo.InvariantCulture)} closed", s_timeout);
        RadclientResult after = await DisconnectAsync(server, "dave");
        Assert.True(after.ReplyCode == "Disconnect-ACK", $"{after}\n{daemon.Output}");
        Assert.Equal(2, nodeB.ReceivedCount);
        Assert.Equal(2, nodeA.ReceivedCount);
        // Exactly one answer for the request in flight across the reload (one audit line), none for a duplicate.
        Assert.True(AuditLine("carol").Matches(daemon.Output).Count == 1, daemon.Output);

        daemon.Terminate();
        (int exitCode, string finalOutput, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{finalOutput}\n{error}");
        Assert.DoesNotContain(PasswordB, finalOutput + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_NewBrokerUnreachable_Nak506AndRetries_ThenUsedWhenItComesUp_NeverExits()
    {
        await using MosquittoBroker brokerA = await MosquittoBroker.StartAsync();
        await using MosquittoBroker brokerB = await MosquittoBroker.StartAsync(UserB, PasswordB);
        SimulatedNode nodeA = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleetA = await NodeFleet.StartAsync(brokerA.Host, brokerA.Port, null, null, [nodeA]);

        int port = DaemonProcess.FreeUdpPort();
        string common = DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n"
            + CoovaIntegrationTests.MeshNas("mesh12", "mcp_12", nodeA);
        using var config = new DaemonConfig(common + Mqtt(brokerA.Port, null, null, "2s"));
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync(Connected(brokerA.Port), s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        // A wrong password for B: refused, so no broker at all (NAK 506), and the daemon keeps trying.
        config.Write(common + Mqtt(brokerB.Port, UserB, "wrong-password", "2s"));
        daemon.Hangup();
        await daemon.WaitForOutputAsync($"MQTT broker 127.0.0.1:{brokerB.Port.ToString(CultureInfo.InvariantCulture)} unreachable", s_timeout);
        RadclientResult refused = await DisconnectAsync(server, "alice");
        Assert.True(refused.ReplyCode == "Disconnect-NAK", $"{refused}\n{daemon.Output}");
        Assert.Equal("Resources-Unavailable", refused.Attribute("Error-Cause"));
        Assert.Equal(0, nodeA.ReceivedCount);

        // The right password, but B is down now: still NAK 506, still retrying; B comes up and is used without another HUP.
        await brokerB.StopAsync();
        config.Write(common + Mqtt(brokerB.Port, UserB, PasswordB, "2s"));
        daemon.Hangup();
        await daemon.WaitForOutputAsync("Reloaded", s_timeout, count: 2);
        RadclientResult down = await DisconnectAsync(server, "bob");
        Assert.True(down.ReplyCode == "Disconnect-NAK", $"{down}\n{daemon.Output}");
        await brokerB.StartAsync();
        SimulatedNode nodeB = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet fleetB = await NodeFleet.StartAsync(brokerB.Host, brokerB.Port, UserB, PasswordB, [nodeB]);
        await daemon.WaitForOutputAsync(Connected(brokerB.Port), s_timeout);

        RadclientResult viaB = await DisconnectAsync(server, "carol");
        Assert.True(viaB.ReplyCode == "Disconnect-ACK", $"{viaB}\n{daemon.Output}");
        Assert.Equal(1, nodeB.ReceivedCount);
        Assert.Equal(0, nodeA.ReceivedCount);
        Assert.False(daemon.HasExited);

        daemon.Terminate();
        (int exitCode, string finalOutput, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{finalOutput}\n{error}");
        Assert.DoesNotContain(PasswordB, finalOutput + error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", finalOutput + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_EmbeddedBroker_NewNodeLoginAndReplyTimeoutLive_OldLoginDisconnected_PortChangeNeedsRestart()
    {
        int brokerPort = MosquittoBroker.FreeTcpPort();
        int port = DaemonProcess.FreeUdpPort();
        SimulatedNode node = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        string common = DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n"
            + CoovaIntegrationTests.MeshNas("mesh12", "mcp_12", node);
        using var config = new DaemonConfig(common + Embedded(brokerPort, "nodes", "old-secret", "2s"));
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Embedded MQTT broker listening", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);
        await using (NodeFleet oldLogin = await NodeFleet.StartAsync("127.0.0.1", brokerPort, "nodes", "old-secret", [node]))
        {
            RadclientResult first = await DisconnectAsync(server, "alice");
            Assert.True(first.ReplyCode == "Disconnect-ACK", $"{first}\n{daemon.Output}");

            // New node password, a longer reply_timeout: the node still on the old login is disconnected.
            config.Write(common + Embedded(brokerPort, "nodes", "new-secret", "6s"));
            daemon.Hangup();
            string output = await daemon.WaitForOutputAsync("node login reloaded", s_timeout);
            Assert.Contains("1 connected node(s) without the new login disconnected", output, StringComparison.Ordinal);
            RadclientResult orphaned = await DisconnectAsync(server, "bob");
            Assert.True(orphaned.ReplyCode == "Disconnect-NAK", $"{orphaned}\n{daemon.Output}");
            await daemon.WaitForOutputAsync("no node acknowledged 'chilli_query logout mac 0C-C6-FD-7B-8B-AA' within 6s", s_timeout);
        }

        await Assert.ThrowsAnyAsync<Exception>(() =>
            NodeFleet.StartAsync("127.0.0.1", brokerPort, "nodes", "old-secret", [SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH")]));
        SimulatedNode renewed = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");
        await using NodeFleet newLogin = await NodeFleet.StartAsync("127.0.0.1", brokerPort, "nodes", "new-secret", [renewed]);
        RadclientResult second = await DisconnectAsync(server, "carol");
        Assert.True(second.ReplyCode == "Disconnect-ACK", $"{second}\n{daemon.Output}");
        Assert.Equal(1, renewed.ReceivedCount);

        // The broker's port is bound at start: a change is logged as needing a restart, and the broker stays where it is.
        config.Write(common + Embedded(MosquittoBroker.FreeTcpPort(), "nodes", "new-secret", "6s"));
        daemon.Hangup();
        string restart = await daemon.WaitForOutputAsync("takes effect after a restart", s_timeout);
        Assert.Contains("mqtt server, port or tls_certificate/tls_key of the embedded broker changed", restart, StringComparison.Ordinal);
        RadclientResult third = await DisconnectAsync(server, "dave");
        Assert.True(third.ReplyCode == "Disconnect-ACK", $"{third}\n{daemon.Output}");

        daemon.Terminate();
        (int exitCode, string finalOutput, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{finalOutput}\n{error}");
        Assert.DoesNotContain("new-secret", finalOutput + error, StringComparison.Ordinal);
        Assert.DoesNotContain("old-secret", finalOutput + error, StringComparison.Ordinal);
    }

    private static string Mqtt(int port, string? user, string? password, string replyTimeout) => string.Create(CultureInfo.InvariantCulture,
        $"mqtt {{ mode = external  server = 127.0.0.1  port = {port}{(user is null ? "" : $"  username = {user}  password = {password}")}  reply_timeout = {replyTimeout} }}\n");

    private static string Embedded(int port, string user, string password, string replyTimeout) => string.Create(CultureInfo.InvariantCulture,
        $"mqtt {{ mode = embedded  server = 127.0.0.1  port = {port}  username = {user}  password = {password}  reply_timeout = {replyTimeout} }}\n");

    private static string Connected(int port) => string.Create(CultureInfo.InvariantCulture, $"MQTT connected to 127.0.0.1:{port} ");

    private static Task<RadclientResult> DisconnectAsync(IPEndPoint server, string user, int timeoutSeconds = 10) =>
        RadclientRunner.RunAsync(server, "disconnect", "testing123",
            $"User-Name = \"{user}\", NAS-Identifier = \"mcp_12\", Calling-Station-Id = \"{ClientMac}\"", timeoutSeconds: timeoutSeconds);

    private static Regex AuditLine(string user) => new($@"Disconnect\w* \d+ from .*; user {user} session", RegexOptions.None, TimeSpan.FromSeconds(5));
}
