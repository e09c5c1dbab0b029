using System.Net;
using System.Text.Json;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>
/// What an operator meets at the real executable's command line and in its log (docs/operations.md): journald
/// priorities, JSON only when asked, -X showing drops, radius.conf notation in log fields, help with examples, exit
/// codes 1, 2 and 78, and environment overrides that keep a name's case.
/// </summary>
[Trait("Category", "RealService")]
public class OperatorCliTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UnderJournald_EveryLineCarriesItsSyslogPriority_WarningsFindable_DurationsAsWritten()
    {
        int port = DaemonProcess.FreeUdpPort();
        int closedMqtt = DaemonProcess.FreeTcpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n" +
            "security { event_timestamp_window = 300s  duplicate_window = 250ms }\n" +
            $"mqtt {{ mode = external  server = 127.0.0.1  port = {closedMqtt} }}\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path], new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        await daemon.WaitForOutputAsync("unreachable", s_timeout);
        daemon.Terminate();
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches("^<[0-7]>", line));
        Assert.Contains(lines, l => l.StartsWith("<6>RadiusDisconnectProxy.Host: Configuration ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<4>", StringComparison.Ordinal) && l.Contains("250ms", StringComparison.Ordinal));
        // The broker is retried about once a second, so a second "unreachable" line may come before SIGTERM.
        string[] mqtt = [.. lines.Where(l => l.Contains("unreachable", StringComparison.Ordinal) && l.Contains("retrying in", StringComparison.Ordinal))];
        Assert.NotEmpty(mqtt);
        Assert.All(mqtt, line =>
        {
            Assert.StartsWith("<4>", line, StringComparison.Ordinal);
            Assert.Matches(@"retrying in \d+(ms|s|m)$", line);
        });
        Assert.DoesNotContain("00:00:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{", output.Replace("{ ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogFormatJson_OneObjectPerLine_MessageRendered()
    {
        int port = DaemonProcess.FreeUdpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\nlog { format = json }\n");
        using var daemon = new DaemonProcess(["serve", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect", s_timeout);
        daemon.Terminate();
        (int exitCode, string output, string error) = await daemon.WaitForExitAsync(s_timeout);

        Assert.True(exitCode == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonElement[] events = [.. lines.Select(l => JsonDocument.Parse(l).RootElement)];
        JsonElement loaded = Assert.Single(events, e => e.GetProperty("@m").GetString()!.StartsWith("Configuration ", StringComparison.Ordinal));
        Assert.Contains(": 1 clients, 0 NASes, MQTT Off", loaded.GetProperty("@m").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, loaded.GetProperty("ClientCount").GetInt32());
        Assert.All(events, e => Assert.DoesNotContain("{", e.GetProperty("@m").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DashX_LogsEveryDropWithSourceAndReason()
    {
        int port = DaemonProcess.FreeUdpPort();
        using var config = new DaemonConfig(DaemonConfig.Listen(port) + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n");
        using var daemon = new DaemonProcess(["-X", "--config", config.Path]);
        await daemon.WaitForOutputAsync("Listening for Disconnect", s_timeout);

        await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "disconnect", "wrongsecret", "User-Name = \"alice\"", timeoutSeconds: 1);
        string output = await daemon.WaitForOutputAsync("Dropped a datagram", s_timeout);

        Assert.Matches(@"DBG RadiusDisconnectProxy\.Pipeline\.RequestPipeline: Dropped a datagram from 127\.0\.0\.1:\d+: bad_request_authenticator", output);
    }

    [Fact]
    public async Task Help_HasExamples_NoLibraryBoilerplate()
    {
        (int exitCode, string output, _) = await RunAsync(["--help"]);
        (int serveExit, string serveHelp, _) = await RunAsync(["serve", "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, serveExit);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("radius-disconnect-proxy serve --config /etc/radius-disconnect-proxy/radius.conf", serveHelp, StringComparison.Ordinal);
        Assert.Contains("-X", serveHelp, StringComparison.Ordinal);
        Assert.Contains("--log-level <LEVEL>", serveHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("Additional Arguments", output + serveHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("application that is being run", output + serveHelp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageErrors_Exit2_WithAnExample()
    {
        (int exitCode, string output, string error) = await RunAsync(["serve", "--bogus"]);
        (int levelExit, _, string levelError) = await RunAsync(["serve", "--log-level", "loud"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("unexpected argument '--bogus'", error, StringComparison.Ordinal);
        Assert.Contains("Example: radius-disconnect-proxy serve", error, StringComparison.Ordinal);
        Assert.Equal(2, levelExit);
        Assert.Contains("Example: ", levelError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PacketDecode_BadHex_Exit1_WithJsonError()
    {
        (int exitCode, string output, _) = await RunAsync(["packet", "decode", "zz"]);

        Assert.Equal(1, exitCode);
        Assert.Equal("not a hex string", JsonDocument.Parse(output).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("radiusdesk { connection_string = \"Server=127.0.0.1;Database=rd;User=rd;Password=dbpass;Frobnicate=yes\" }", "connection_string: Option 'frobnicate' not supported")]
    [InlineData("metrics { listen = 0.0.0.0 }", "'listen' must be address:port")]
    [InlineData("log { level = loud }", "'level' must be one of debug | info | warning | error")]
    public async Task ConfigurationError_Exit78_FromCheckConfigAndServe_NoStackTrace(string section, string message)
    {
        using var config = new DaemonConfig("client local { ipaddr = 127.0.0.1  secret = testing123 }\n" + section + "\n");

        (int checkExit, string checkOutput, string checkError) = await RunAsync(["check-config", "--config", config.Path]);
        (int serveExit, string serveOutput, string serveError) = await RunAsync(["serve", "--config", config.Path, "--listen:port=0"]);

        Assert.Equal(78, checkExit);
        Assert.Equal(78, serveExit);
        Assert.Contains($"{config.Path}:2: {message}", checkError, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:2: {message}", serveError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", checkOutput + checkError + serveOutput + serveError, StringComparison.Ordinal);
        Assert.DoesNotContain("dbpass", checkError + serveError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentOverride_KeepsTheClientName()
    {
        using var config = new DaemonConfig("client local { ipaddr = 127.0.0.1  secret = testing123 }\n");

        (int exitCode, string output, string error) = await RunAsync(["check-config", "--config", config.Path],
            new Dictionary<string, string> { ["RDP__CLIENT__LOCAL__SECRET"] = "fromenv" });

        Assert.True(exitCode == 0, error);
        Assert.Contains("clients: 1", output, StringComparison.Ordinal);
        Assert.Contains("  local: 127.0.0.1/32", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCAL:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fromenv", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new DaemonProcess(args, environment);
        return await process.WaitForExitAsync(s_timeout);
    }
}
