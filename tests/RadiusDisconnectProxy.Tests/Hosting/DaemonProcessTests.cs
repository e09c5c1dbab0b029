using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Tests.Configuration;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>The real executable: systemd notification, SIGTERM, readable text logs (JSON only when asked), exit codes.</summary>
[Trait("Category", "RealService")]
public class DaemonProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_NotifiesReady_StopsOnSigterm_Exit0_LogsText()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rdp-notify-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string socketPath = Path.Combine(dir, "notify");
        try
        {
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            notify.Bind(new UnixDomainSocketEndPoint(socketPath));

            // Ports of the example moved out of the way of anything else running on this machine.
            using var daemon = new DaemonProcess(
                [
                    "serve", "--config", ExampleConfigTests.ExamplePath, "--listen:port=0",
                    $"--mqtt:port={DaemonProcess.FreeTcpPort()}", $"--metrics:listen=127.0.0.1:{DaemonProcess.FreeTcpPort()}",
                ],
                new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath });

            string ready = await ReceiveAsync(notify);
            daemon.Terminate();
            string stopping = await ReceiveAsync(notify);
            (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);
            string diagnostics = $"exit {exitCode}\nstdout:\n{output}\nstderr:\n{error}";

            Assert.True(ready == "READY=1", $"first notification '{ready}'; {diagnostics}");
            Assert.True(stopping == "STOPPING=1", $"second notification '{stopping}'; {diagnostics}");
            Assert.True(exitCode == 0, diagnostics);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            // Redirected stdout outside journald: readable lines ("14:02:11.250 INF Source: message"), no JSON.
            Assert.All(lines, line => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} (DBG|INF|WRN|ERR|FTL) |^\s", line));
            Assert.Contains(lines, l => l.EndsWith("RadiusDisconnectProxy.Host: Stopped", StringComparison.Ordinal));
            Assert.DoesNotContain("testing123", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_ConfigurationError_Exit78_MessageOnStderr()
    {
        using var config = new TempConfig("client a { ipaddr = 10.0.0.1 secret = topsecret }\nnas b {\n type = cisco  ipaddr = 127.0.0.1 }\n");
        using var daemon = new DaemonProcess(["--config", config.Path]);

        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.Equal(78, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{config.Path}:3: unknown nas type 'cisco'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ThreeConfigurationErrors_AllOnStderr_Exit78Once()
    {
        using var config = new TempConfig(
            "client a { ipaddr = 10.0.0.1 secret = topsecret\n colour = red }\nlisten {\n port = 70000 }\nnas b {\n type = cisco  ipaddr = 127.0.0.1 }\n");
        using var daemon = new DaemonProcess(["--config", config.Path]);

        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.Equal(78, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{config.Path}:2: unknown key 'colour' in client a", error, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:4: 'port' must be a whole number from 0 to 65535", error, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:6: unknown nas type 'cisco'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentOverride_ReachesTheProcess()
    {
        using var daemon = new DaemonProcess(
            ["check-config", "--config", ExampleConfigTests.ExamplePath],
            new Dictionary<string, string> { ["RDP__LISTEN__PORT"] = "3802" });

        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.True(exitCode == 0, error);
        Assert.Contains("listen: 127.0.0.1:3802", output, StringComparison.Ordinal);
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(s_timeout);
        int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return Encoding.ASCII.GetString(buffer, 0, n).Trim();
    }
}
