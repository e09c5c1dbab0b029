using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// SIGHUP through the real executable (docs/operations.md, "Reload"): a client added to radius.conf is answered after
/// the signal, a broken file is logged with file:line and the running configuration kept, a changed listen port is
/// logged as needing a restart, a request in flight is answered, and the daemon never exits on HUP.
/// </summary>
[Trait("Category", "RealService")]
public partial class ReloadTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sighup_AddsClient_KeepsRunningConfigOnBrokenFile_AnswersInFlight_NeverExits()
    {
        await using NasSimulator nas = NasSimulator.Start("nassecret");
        int port = DaemonProcess.FreeUdpPort();
        string nasEntry = $"nas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {nas.Endpoint.Port}  secret = nassecret }}\n";
        string noLocalClient = DaemonConfig.Listen(port) + "client far { ipaddr = 192.0.2.7  secret = farsecret }\n" + nasEntry;
        using var config = new DaemonConfig(noLocalClient);
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);
        const string request = "User-Name = \"alice\", NAS-Identifier = \"bras-1\", Message-Authenticator = 0x00";

        // 127.0.0.1 is no client yet: silently dropped.
        RadclientResult before = await RadclientRunner.RunAsync(server, "disconnect", "testing123", request, timeoutSeconds: 1);
        Assert.False(before.GotReply, before.ToString());

        // Add it; HUP; it is answered.
        config.Write(noLocalClient + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n");
        daemon.Hangup();
        string output = await daemon.WaitForOutputAsync("Reloaded", s_timeout);
        RadclientResult added = await RadclientRunner.RunAsync(server, "disconnect", "testing123", request, timeoutSeconds: 5);
        Assert.True(added.ReplyCode == "Disconnect-ACK", $"{added}\n{daemon.Output}");
        Assert.Matches(ReloadedLine(), output);

        // A broken file (line 3) is rejected with file:line and the running configuration stays.
        config.Write(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\nclient broken { ipaddr = not-an-address  secret = x }\n" + nasEntry);
        daemon.Hangup();
        output = await daemon.WaitForOutputAsync("Reload rejected", s_timeout);
        Assert.Contains($"{config.Path}:3:", output, StringComparison.Ordinal);
        RadclientResult kept = await RadclientRunner.RunAsync(server, "disconnect", "testing123", request.Replace("alice", "bob", StringComparison.Ordinal), timeoutSeconds: 5);
        Assert.True(kept.ReplyCode == "Disconnect-ACK", $"{kept}\n{daemon.Output}");

        // A request in flight across a reload that also changes the listen port: answered; the port change needs a restart.
        nas.Behavior = new NasSimulatorBehavior { Delay = TimeSpan.FromSeconds(2) };
        Task<RadclientResult> inFlight = RadclientRunner.RunAsync(server, "disconnect", "testing123", request.Replace("alice", "carol", StringComparison.Ordinal), timeoutSeconds: 10);
        await nas.WaitForReceivedAsync(3, s_timeout);
        config.Write(DaemonConfig.Listen(DaemonProcess.FreeUdpPort()) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" + nasEntry);
        daemon.Hangup();
        output = await daemon.WaitForOutputAsync("Reloaded", s_timeout, count: 2);
        RadclientResult answered = await inFlight;
        Assert.True(answered.ReplyCode == "Disconnect-ACK", $"{answered}\n{daemon.Output}");
        Assert.Contains("listen (addresses or port) changed; it takes effect after a restart", output, StringComparison.Ordinal);

        // Several HUPs in a row: still running, still answering on the original port.
        daemon.Hangup();
        daemon.Hangup();
        await daemon.WaitForOutputAsync("Reloaded", s_timeout, count: 3);
        Assert.False(daemon.HasExited);
        nas.Behavior = NasSimulatorBehavior.Ack;
        RadclientResult after = await RadclientRunner.RunAsync(server, "disconnect", "testing123", request, timeoutSeconds: 5);
        Assert.True(after.ReplyCode == "Disconnect-ACK", $"{after}\n{daemon.Output}");

        daemon.Terminate();
        (int exitCode, string finalOutput, string error) = await daemon.WaitForExitAsync(s_timeout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{finalOutput}\n{error}");
        Assert.DoesNotContain("testing123", finalOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("farsecret", finalOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_ChangesLogLevel_DropsBecomeVisible()
    {
        int port = DaemonProcess.FreeUdpPort();
        string body = DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n";
        using var config = new DaemonConfig(body + "log { level = info }\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_timeout);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        await RadclientRunner.RunAsync(server, "disconnect", "wrongsecret", "User-Name = \"alice\"", timeoutSeconds: 1);
        Assert.DoesNotContain("Dropped a datagram", daemon.Output, StringComparison.Ordinal);

        config.Write(body + "log { level = debug }\n");
        daemon.Hangup();
        await daemon.WaitForOutputAsync("log level debug", s_timeout);
        await RadclientRunner.RunAsync(server, "disconnect", "wrongsecret", "User-Name = \"alice\"", timeoutSeconds: 1);
        string output = await daemon.WaitForOutputAsync("Dropped a datagram from 127.0.0.1:", s_timeout);
        Assert.Contains("bad_request_authenticator", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Reloaded .*radius\.conf in \d+ ms: 2 clients, 1 NASes, log level info")]
    private static partial Regex ReloadedLine();
}
