using System.Diagnostics;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// The <c>admin</c> section and <c>admin hash-password</c> through the real executable: a console beyond loopback without
/// TLS is a configuration error (file:line, exit 78); the hash command reads stdin and prints a hash that verifies.
/// </summary>
[Trait("Category", "RealService")]
public sealed class AdminConfigurationTests
{
    [Fact]
    public async Task AdminBeyondLoopbackWithoutTls_IsAConfigurationError_Exit78_AtTheListenLine()
    {
        string hash = AdminPasswordHash.Create("pw", 100_000).Encode();
        (int exit, string output, string error) = await RunWithConfigAsync(
            $"client a {{ ipaddr = 127.0.0.1  secret = s3cr3t-client }}\nadmin {{\n  listen = 0.0.0.0:8080\n  username = admin\n  password_hash = \"{hash}\"\n}}\n",
            "check-config");

        Assert.Equal(78, exit);
        Assert.Equal("", output);
        Assert.Contains("radius.conf:3: admin listens on 0.0.0.0:8080, beyond loopback", error, StringComparison.Ordinal);
        Assert.DoesNotContain(hash.Split('$')[^1], error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminWithSomethingThatIsNotAHash_IsAConfigurationError_WithoutRepeatingIt()
    {
        (int exit, _, string error) = await RunWithConfigAsync(
            "admin {\n  username = admin\n  password_hash = \"my-plain-password\"\n}\n", "check-config");

        Assert.Equal(78, exit);
        Assert.Contains("radius.conf:3: 'password_hash' is not a password hash", error, StringComparison.Ordinal);
        Assert.DoesNotContain("my-plain-password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_ReadsStdin_PrintsASaltedPbkdf2HashThatVerifies()
    {
        (int exit1, string first, string error1) = await RunAsync(["admin", "hash-password"], "s3cret pass\n");
        (int exit2, string second, _) = await RunAsync(["admin", "hash-password"], "s3cret pass\n");

        Assert.True(exit1 == 0, error1);
        Assert.Equal(0, exit2);
        Assert.StartsWith("$pbkdf2-sha256$i=600000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first.Trim(), second.Trim());
        Assert.True(AdminPasswordHash.TryParse(first.Trim(), out AdminPasswordHash hash, out _));
        Assert.True(hash.Verify("s3cret pass"));
        Assert.False(hash.Verify("s3cret pass "));
        Assert.DoesNotContain("s3cret", first + error1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_WithNothingOnStdin_ExplainsItself_Exit2()
    {
        (int exit, string output, string error) = await RunAsync(["admin", "hash-password"], "");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("admin hash-password < password.txt", error, StringComparison.Ordinal);
    }

    private static async Task<(int, string, string)> RunWithConfigAsync(string config, string command)
    {
        string directory = Path.Combine(Path.GetTempPath(), "rdp-admin-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "radius.conf");
            await File.WriteAllTextAsync(path, config);
            (int exit, string output, string error) = await RunAsync([command, "--config", path], null);
            return (exit, output, error.Replace(path, "radius.conf", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int, string, string)> RunAsync(string[] args, string? stdin)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "radius-disconnect-proxy.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
