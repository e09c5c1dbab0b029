using RadiusDisconnectProxy.Cli;
using RadiusDisconnectProxy.Tests.Configuration;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>The root command in-process: check-config output, mounted commands and the exit codes 0, 1, 2 and 78.</summary>
public class RootCommandTests
{
    [Fact]
    public async Task Example_PrintsClientsAndNases_Exit0()
    {
        (int exitCode, string output, string error) = await RunAsync("check-config", "--config", ExampleConfigTests.ExamplePath);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("clients: 1", output, StringComparison.Ordinal);
        Assert.Contains("  local: 127.0.0.1/32", output, StringComparison.Ordinal);
        Assert.Contains("nases: 8", output, StringComparison.Ordinal);
        Assert.Contains("mesh12: CoovaMeshdesk", output, StringComparison.Ordinal);
        Assert.Contains("bras1: other", output, StringComparison.Ordinal);
        Assert.Contains("embedded broker on 127.0.0.1:1883", output, StringComparison.Ordinal);
        Assert.Matches(@"dictionary: .*dictionaries \(shipped\): [1-9][0-9]+ attributes, [1-9][0-9]* vendors", output);
        Assert.DoesNotContain("testing123", output, StringComparison.Ordinal);
        Assert.DoesNotContain("change", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidValue_Exit78_WithFileLineOnStderr()
    {
        using var config = new TempConfig("client a { ipaddr = 10.0.0.1  secret = x }\nlisten {\n  port = many }\n");

        (int exitCode, string output, string error) = await RunAsync("check-config", "-c", config.Path);

        Assert.Equal(78, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{config.Path}:3: 'port' must be a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeErrors_Exit78_EachOnItsOwnLineWithFileLine()
    {
        using var config = new TempConfig(
            "client a { ipaddr = 10.0.0.1  secret = x }\nlisten {\n  port = many }\nmqtt {\n mode = cloud }\naudit {\n enabled = 1 }\n");

        (int exitCode, string output, string error) = await RunAsync("check-config", "-c", config.Path);

        Assert.Equal(78, exitCode);
        Assert.Equal("", output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains($"{config.Path}:3: 'port' must be a whole number", lines[0], StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:5: 'mode' must be one of embedded | external | off", lines[1], StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:7: 'enabled' must be yes or no", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredDictionary_IsLoadedRelativeToTheConfigFile()
    {
        using var config = new TempConfig("dictionary { dir = dict }\n");
        Directory.CreateDirectory(Path.Combine(config.Directory, "dict"));
        File.WriteAllText(Path.Combine(config.Directory, "dict", "dictionary"), "ATTRIBUTE\tUser-Name\t1\tstring\nATTRIBUTE\tReply-Message\t18\tstring\n");

        (int exitCode, string output, string error) = await RunAsync("check-config", "--config", config.Path);

        Assert.True(exitCode == 0, error);
        Assert.Contains($"dictionary: {Path.Combine(config.Directory, "dict")}: 2 attributes, 0 vendors", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedDictionary_Exit78_NamingTheDictionaryLine()
    {
        using var config = new TempConfig("dictionary { dir = . }\n");
        File.WriteAllText(Path.Combine(config.Directory, "dictionary"), "ATTRIBUTE\tUser-Name\t1\tstring\nATTRIBUTE\tBroken\n");

        (int exitCode, _, string error) = await RunAsync("check-config", "--config", config.Path);

        Assert.Equal(78, exitCode);
        Assert.Contains($"{Path.Combine(config.Directory, "dictionary")}:2: dictionary: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PacketDecode_IsMountedUnderPacket()
    {
        (int exitCode, string output, string error) = await RunAsync("packet", "decode", "2801001400000000000000000000000000000000");

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"code_name\":\"Disconnect-Request\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NasAndSessions_AreMounted_AndReadTheConfiguration()
    {
        (int exitCode, string output, string error) = await RunAsync("nas", "test", "nosuch", "--config", ExampleConfigTests.ExamplePath);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("no nas 'nosuch'", error, StringComparison.Ordinal);
        Assert.Equal(78, (await RunAsync("sessions", "list", "hq", "--config", "/nonexistent/radius.conf")).ExitCode);
    }

    [Fact]
    public async Task MissingFile_Exit78()
    {
        (int exitCode, _, string error) = await RunAsync("check-config", "--config", "/nonexistent/radius.conf");

        Assert.Equal(78, exitCode);
        Assert.Contains("/nonexistent/radius.conf: configuration file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_GoToStderr_Exit0()
    {
        using var config = new TempConfig("security { duplicate_window = 1s }\n");

        (int exitCode, string output, string error) = await RunAsync("check-config", "--config", config.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("clients: 0", output, StringComparison.Ordinal);
        Assert.Contains("warning: ", error, StringComparison.Ordinal);
        Assert.Contains("no client is configured", error, StringComparison.Ordinal);
        Assert.Contains("shorter than event_timestamp_window", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLineOverride_IsValidated_Exit78()
    {
        (int exitCode, _, string error) = await RunAsync("check-config", "--config", ExampleConfigTests.ExamplePath, "--listen:port", "99999");

        Assert.Equal(78, exitCode);
        Assert.Contains("command line --listen:port: 'port' must be a whole number from 0 to 65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLineOverride_IsApplied()
    {
        (int exitCode, string output, _) = await RunAsync("check-config", "--config", ExampleConfigTests.ExamplePath, "--listen:port=3801");

        Assert.Equal(0, exitCode);
        Assert.Contains("listen: 127.0.0.1:3801", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check-config", "--config")]
    [InlineData("check-config", "--verbose")]
    [InlineData("check-config", "--listen:port")]
    [InlineData("chek-config")]
    [InlineData("serve", "extra")]
    public async Task UsageErrors_Exit2_WithAnExplanation(params string[] args)
    {
        (int exitCode, string output, string error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("radius-disconnect-proxy: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Exit0_ListsTheCommands()
    {
        (int exitCode, string output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("check-config", output, StringComparison.Ordinal);
        Assert.Contains("--config", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await ProxyCommandLine.InvokeAsync(args, output, error, new CliConfig(new Dictionary<string, string>()));
        return (exitCode, output.ToString(), error.ToString());
    }
}
