using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Cli;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.TestSupport.Services;
using RadiusDisconnectProxy.Tests.Configuration;
using RadiusDisconnectProxy.Tests.EndToEnd;

namespace RadiusDisconnectProxy.Tests.ExampleType;

/// <summary>
/// The example type of docs/adding-a-nas-type.md, registered through the list like a built-in type and exercised end
/// to end: radius.conf → validation → check-config → radclient → listener → pipeline → executor → its driver → its NAS.
/// </summary>
[Trait("Category", "RealService")]
public sealed class LineNasTypeTests : IAsyncDisposable
{
    private readonly UdpClient _box = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<string> _received = [];

    private int BoxPort => ((IPEndPoint)_box.Client.LocalEndPoint!).Port;

    private string Config => $$"""
        client local { ipaddr = 127.0.0.1  secret = testing123 }
        nas box { type = Example-Line  nasidentifier = box1  ipaddr = 127.0.0.1  line_port = {{BoxPort}}  token = s3cret }
        """;

    [Fact]
    public void WithoutItsListEntry_TheTypeIsUnknown_AndTheErrorListsTheKnownTypes()
    {
        ConfigurationException e = TempConfig.ParseError(Config);
        Assert.Equal(2, e.Line);
        Assert.Contains("unknown nas type 'Example-Line': known types are other, CoovaMeshdesk, Mikrotik-API", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItsKeysAreValidated_AndCheckConfigPrintsItsLineWithoutTheToken()
    {
        using var bad = new TempConfig(Config.Replace("token = s3cret", "tokn = s3cret", StringComparison.Ordinal));
        ConfigurationException e = Assert.Throws<ConfigurationException>(() => Load(bad));
        Assert.Contains("unknown key 'tokn' for a nas of type Example-Line", e.Message, StringComparison.Ordinal);

        using var good = new TempConfig(Config);
        ProxyOptions options = Load(good);
        using var output = new StringWriter();
        ConfigSummary.Write(options, DictionaryLoader.Load(options), LineNasType.WithBuiltin, output);
        Assert.Contains($"box: Example-Line  nasidentifier=box1, ipaddr=127.0.0.1  → line commands to 127.0.0.1:{BoxPort}", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", options.Nases[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok", "Disconnect-ACK", null)]
    [InlineData("gone", "Disconnect-NAK", "Session-Context-Not-Found")]
    public async Task Disconnect_ThroughThePipeline_ReachesTheBox(string boxReply, string expectedCode, string? expectedCause)
    {
        await using ProxyHost proxy = await StartAsync();
        Task box = AnswerOnceAsync(boxReply);

        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\", NAS-Identifier = \"box1\"");

        await box;
        Assert.True(result.ReplyCode == expectedCode, result.ToString());
        Assert.Equal(expectedCause, result.Attribute("Error-Cause"));
        Assert.Equal(["kick s3cret alice"], _received);
    }

    [Fact]
    public async Task Coa_ToATypeWithoutTheCapability_IsNak406_AndNeverReachesTheBox()
    {
        await using ProxyHost proxy = await StartAsync();

        RadclientResult result = await proxy.RadclientAsync("coa", "User-Name = \"alice\", NAS-Identifier = \"box1\", Session-Timeout = 60");

        Assert.True(result.ReplyCode == "CoA-NAK", result.ToString());
        Assert.Equal("Unsupported-Extension", result.Attribute("Error-Cause"));
        Assert.Empty(_received);
    }

    public ValueTask DisposeAsync()
    {
        _box.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ProxyOptions Load(TempConfig config) =>
        ProxyOptionsLoader.Load(config.Path, LineNasType.WithBuiltin.All, environment: new Dictionary<string, string>());

    /// <summary>The proxy as the daemon composes it, with this build's list of types holding the example type.</summary>
    private async Task<ProxyHost> StartAsync()
    {
        using var config = new TempConfig(Config);
        ProxyOptions options = Load(config);
        return await ProxyHost.StartAsync(Pipeline.TestOptions.Create(nases: options.Nases), configure: services =>
        {
            services.AddSingleton(LineNasType.WithBuiltin);
            foreach (NasType type in LineNasType.WithBuiltin.All.Where(t => t is LineNasType))
            {
                type.AddServices(services, options);
            }
        });
    }

    private async Task AnswerOnceAsync(string reply)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        UdpReceiveResult command = await _box.ReceiveAsync(timeout.Token);
        _received.Add(Encoding.ASCII.GetString(command.Buffer));
        await _box.SendAsync(Encoding.ASCII.GetBytes(reply), command.RemoteEndPoint, timeout.Token);
    }
}
