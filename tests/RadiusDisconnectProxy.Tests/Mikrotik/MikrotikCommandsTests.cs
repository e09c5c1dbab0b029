using System.CommandLine;
using RadiusDisconnectProxy.Cli;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikCommandsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rdp-mikrotik-cli-").FullName;
    private RouterOsSimulator _router = null!;

    public Task InitializeAsync()
    {
        _router = new RouterOsSimulator();
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotCookie("alice", "AA:BB:CC:DD:EE:01");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        WriteConfig(_router.Options.Password);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Nas_Test_Prints_The_Resource_Table()
    {
        (int exit, string output, _) = await RunAsync("nas", "test", "hq");

        Assert.Equal(0, exit);
        Assert.Contains("version", output, StringComparison.Ordinal);
        Assert.Contains("7.19.4 (stable)", output, StringComparison.Ordinal);
        Assert.Contains("hAP ac^2", output, StringComparison.Ordinal);
        Assert.Equal(1, _router.LoginCount);
        Assert.Contains(_router.RecordedCommands, c => c.Path == "/quit");
    }

    [Fact]
    public async Task Nas_Test_Fails_With_The_Routers_Message()
    {
        WriteConfig("wrong");

        (int exit, _, string error) = await RunAsync("nas", "test", "hq");

        Assert.Equal(1, exit);
        Assert.Contains("invalid user name or password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Replace("invalid user name or password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nas_Test_Of_An_Unknown_Nas_Fails()
    {
        (int exit, _, string error) = await RunAsync("nas", "test", "nope");

        Assert.Equal(1, exit);
        Assert.Contains("no nas 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_List_Shows_Hotspot_And_Ppp()
    {
        (int exit, string output, _) = await RunAsync("sessions", "list", "hq");

        Assert.Equal(0, exit);
        Assert.Contains("alice", output, StringComparison.Ordinal);
        Assert.Contains("AA:BB:CC:DD:EE:01", output, StringComparison.Ordinal);
        Assert.Contains("carol", output, StringComparison.Ordinal);
        Assert.Contains("pppoe", output, StringComparison.Ordinal);
        Assert.Contains("10.9.0.2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--user", "alice")]
    [InlineData("--mac", "aa-bb-cc-dd-ee-01")]
    [InlineData("--ip", "10.5.50.10")]
    public async Task Sessions_Kick_Removes_By_Each_Key(string option, string value)
    {
        (int exit, string output, _) = await RunAsync("sessions", "kick", "hq", option, value);

        Assert.Equal(0, exit);
        Assert.Contains("removed hotspot session", output, StringComparison.Ordinal);
        Assert.Equal(0, _router.HotspotActive.Count);
        Assert.Equal(0, _router.HotspotCookies.Count);
        Assert.Equal(1, _router.PppActive.Count);
    }

    [Fact]
    public async Task Sessions_Kick_By_Id()
    {
        string id = _router.PppActive.Snapshot().Single()[".id"];

        (int exit, _, _) = await RunAsync("sessions", "kick", "hq", "--id", id);

        Assert.Equal(0, exit);
        Assert.Equal(0, _router.PppActive.Count);
    }

    [Fact]
    public async Task Sessions_Kick_Without_A_Match_Fails()
    {
        (int exit, _, string error) = await RunAsync("sessions", "kick", "hq", "--user", "mallory");

        Assert.Equal(1, exit);
        Assert.Contains("no matching session", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_Kick_Needs_Exactly_One_Key()
    {
        (int none, _, _) = await RunAsync("sessions", "kick", "hq");
        (int two, _, _) = await RunAsync("sessions", "kick", "hq", "--user", "alice", "--ip", "10.5.50.10");

        Assert.Equal(2, none);
        Assert.Equal(2, two);
        Assert.Equal(1, _router.HotspotActive.Count);
    }

    private void WriteConfig(string password) => File.WriteAllText(Path.Combine(_directory, "radius.conf"), $$"""
        client local { ipaddr = 127.0.0.1  secret = testing123 }
        nas hq { type = Mikrotik-API  nasidentifier = hq  api_host = 127.0.0.1  api_port = {{_router.Port}}
                 api_username = {{_router.Options.Username}}  api_password = {{password}} }
        """);

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var config = new CliConfig(new Dictionary<string, string>());
        var root = new RootCommand();
        root.Subcommands.Add(NasCommands.CreateNas(config));
        root.Subcommands.Add(NasCommands.CreateSessions(config));
        using var output = new StringWriter();
        using var error = new StringWriter();
        ParseResult parse = root.Parse([.. args, "--config", Path.Combine(_directory, "radius.conf")]);
        int exit;
        try
        {
            exit = parse.Errors.Count > 0 ? 2 : await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException)
        {
            exit = 2;
        }

        return (exit, output.ToString(), error.ToString());
    }
}
