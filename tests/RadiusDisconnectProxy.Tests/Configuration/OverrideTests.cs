using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>RDP__ environment variables and --section:key=value switches override the file (later source wins).</summary>
public class OverrideTests
{
    private const string Text = "listen { port = 3799 }\nclient local {\n ipaddr = 127.0.0.1\n ipaddr = ::1\n secret = from-file }\n";

    [Fact]
    public void EnvironmentVariable_OverridesAScalar()
    {
        using var config = new TempConfig(Text);
        ProxyOptions options = config.Load(environment: new Dictionary<string, string>
        {
            ["RDP__LISTEN__PORT"] = "3800",
            ["RDP__CLIENT__LOCAL__SECRET"] = "from-env",
            ["OTHER__LISTEN__PORT"] = "1",
        });

        Assert.Equal(3800, options.Listen.Port);
        Assert.Equal("from-env", options.Clients[0].Secret);
    }

    [Fact]
    public void EnvironmentVariable_ReplacesAListFromTheFile()
    {
        using var config = new TempConfig(Text);
        ProxyOptions options = config.Load(environment: new Dictionary<string, string> { ["RDP__CLIENT__LOCAL__IPADDR"] = "10.0.0.0/8" });

        Assert.Equal([IPNetwork.Parse("10.0.0.0/8")], options.Clients[0].Networks);
    }

    [Fact]
    public void EnvironmentVariables_CanAddAWholeNas()
    {
        using var config = new TempConfig(Text);
        ProxyOptions options = config.Load(environment: new Dictionary<string, string>
        {
            ["RDP__NAS__R1__TYPE"] = "other",
            ["RDP__NAS__R1__IPADDR"] = "127.0.0.9",
            ["RDP__NAS__R1__SECRET"] = "s",
        });

        NasTarget nas = Assert.Single(options.Nases);
        Assert.Equal("R1", nas.Name, ignoreCase: true);
        Assert.Equal("environment variable RDP__NAS__R1__TYPE", nas.Source);
    }

    [Fact]
    public void CommandLine_WinsOverEnvironmentAndFile()
    {
        using var config = new TempConfig(Text);
        ProxyOptions options = config.Load(["--listen:port=3801"], new Dictionary<string, string> { ["RDP__LISTEN__PORT"] = "3800" });

        Assert.Equal(3801, options.Listen.Port);
    }

    [Fact]
    public void BadEnvironmentValue_NamesTheVariable()
    {
        using var config = new TempConfig(Text);
        ConfigurationException e = config.LoadError(environment: new Dictionary<string, string> { ["RDP__LISTEN__PORT"] = "many" });

        Assert.Equal("environment variable RDP__LISTEN__PORT", e.File);
        Assert.Equal(0, e.Line);
        Assert.Contains("'port' must be a whole number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCommandLineValue_NamesTheSwitch()
    {
        using var config = new TempConfig(Text);
        ConfigurationException e = config.LoadError(["--security:require_event_timestamp=maybe"]);

        Assert.Equal("command line --security:require_event_timestamp", e.File);
    }

    [Fact]
    public void UnknownSectionFromTheEnvironment_IsRejected()
    {
        using var config = new TempConfig(Text);
        ConfigurationException e = config.LoadError(environment: new Dictionary<string, string> { ["RDP__LISTN__PORT"] = "1" });

        Assert.Equal("environment variable RDP__LISTN__PORT", e.File);
        Assert.Contains("unknown section 'LISTN'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorInAnUnoverriddenKey_StillNamesFileAndLine()
    {
        using var config = new TempConfig(Text + "security {\n max_pending = none }");
        ConfigurationException e = config.LoadError(environment: new Dictionary<string, string> { ["RDP__LISTEN__PORT"] = "3800" });

        Assert.Equal(config.Path, e.File);
        Assert.Equal(7, e.Line);
    }
}
