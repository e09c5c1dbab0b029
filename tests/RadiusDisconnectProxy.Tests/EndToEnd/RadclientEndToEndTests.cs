using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Services;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>
/// The real FreeRADIUS radclient against the running listener: every answer the pipeline decides itself (DESIGN.md §6)
/// and every silent drop. radclient verifies the Response Authenticator and the Message-Authenticator of each reply,
/// so every parsed reply also proves our signing is right.
/// </summary>
[Trait("Category", "RealService")]
public class RadclientEndToEndTests
{
    private const string WithMa = ", Message-Authenticator = 0x00";

    [Fact]
    public async Task Disconnect_Ack_AcceptedByRadclient()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\", NAS-Identifier = \"nas1\"" + WithMa);
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("alice", Assert.Single(proxy.Driver.Calls).Request.Keys.UserName);
    }

    [Fact]
    public async Task ResponseMessageAuthenticatorNo_RadclientAcceptsTheAnswerWithoutOne()
    {
        var options = TestOptions.Create(new SecurityOptions { ResponseMessageAuthenticator = false });
        await using ProxyHost proxy = await ProxyHost.StartAsync(options);
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"alice\", NAS-Identifier = \"nas1\"" + WithMa);
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        Assert.Null(result.Attribute("Message-Authenticator"));
    }

    [Fact]
    public async Task Coa_Ack_WithoutMessageAuthenticator()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        RadclientResult result = await proxy.RadclientAsync("coa", "User-Name = \"bob\", NAS-IP-Address = 192.0.2.1, Mikrotik-Rate-Limit = \"2M/4M\"");
        Assert.True(result.ReplyCode == "CoA-ACK", result.ToString());
        Assert.Equal("2M/4M", Assert.Single(proxy.Driver.Calls).Request.MikrotikRateLimit);
    }

    [Theory]
    [InlineData("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\", Service-Type = Authorize-Only", "Disconnect-NAK", "Unsupported-Attribute")]
    [InlineData("disconnect", "NAS-Identifier = \"nas1\"", "Disconnect-NAK", "Missing-Attribute")]
    [InlineData("coa", "NAS-Identifier = \"nas1\", Session-Timeout = 60", "CoA-NAK", "Missing-Attribute")]
    [InlineData("disconnect", "User-Name = \"a\", NAS-Identifier = \"elsewhere\"", "Disconnect-NAK", "Proxy-Request-Not-Routable")]
    [InlineData("coa", "User-Name = \"a\", NAS-Identifier = \"nas1\", Service-Type = Authorize-Only, State = 0x01", "CoA-NAK", "Unsupported-Service")]
    public async Task PipelineDecidedNaks(string command, string attributes, string code, string errorCause)
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        RadclientResult result = await proxy.RadclientAsync(command, attributes + WithMa);
        Assert.True(result.ReplyCode == code, result.ToString());
        Assert.Equal(errorCause, result.Attribute("Error-Cause"));
        Assert.Empty(proxy.Driver.Calls);
    }

    [Fact]
    public async Task NoSessionInTheDirectory_Nak503()
    {
        var directory = new TestSessionDirectory(new SessionLookupResult(SessionLookupStatus.Ok, []));
        await using ProxyHost proxy = await ProxyHost.StartAsync(directory: directory);
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"ghost\"" + WithMa);
        Assert.True(result.ReplyCode == "Disconnect-NAK", result.ToString());
        Assert.Equal("Session-Context-Not-Found", result.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task DriverTimeout_Nak506()
    {
        var driver = new TestDriver();
        driver.HoldUntil(new TaskCompletionSource().Task, DriverResult.Ack());
        await using ProxyHost proxy = await ProxyHost.StartAsync(driver: driver, tune: o => o.DriverTimeout = TimeSpan.FromMilliseconds(300));
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"" + WithMa);
        Assert.True(result.ReplyCode == "Disconnect-NAK", result.ToString());
        Assert.Equal("Resources-Unavailable", result.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task Overload_Nak506()
    {
        var driver = new TestDriver();
        var release = new TaskCompletionSource();
        driver.HoldUntil(release.Task, DriverResult.Ack());
        await using ProxyHost proxy = await ProxyHost.StartAsync(TestOptions.Create(new SecurityOptions { MaxPending = 1 }), driver);
        Task<RadclientResult> slow = proxy.RadclientAsync("disconnect", "User-Name = \"first\", NAS-Identifier = \"nas1\"" + WithMa, timeoutSeconds: 10);
        await WaitUntilAsync(() => !driver.Calls.IsEmpty);

        RadclientResult overloaded = await proxy.RadclientAsync("disconnect", "User-Name = \"second\", NAS-Identifier = \"nas1\"" + WithMa);
        Assert.True(overloaded.ReplyCode == "Disconnect-NAK", overloaded.ToString());
        Assert.Equal("Resources-Unavailable", overloaded.Attribute("Error-Cause"));

        release.SetResult();
        Assert.Equal("Disconnect-ACK", (await slow).ReplyCode);
    }

    [Fact]
    public async Task DriverNak_IsRelayedToRadclient()
    {
        var driver = new TestDriver { Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotRemovable)) };
        await using ProxyHost proxy = await ProxyHost.StartAsync(driver: driver);
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"" + WithMa);
        Assert.Equal("Session-Context-Not-Removable", result.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task ProxyStates_AreEchoedInOrder()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        RadclientResult result = await proxy.RadclientAsync("disconnect",
            "Proxy-State = 0x6669727374, User-Name = \"a\", Proxy-State = 0x02, NAS-Identifier = \"nas1\", Proxy-State = 0x7468697264" + WithMa);
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        Assert.Equal(["0x6669727374", "0x02", "0x7468697264"], result.AttributeValues("Proxy-State"));
    }

    [Theory]
    [InlineData("wrong-secret", "User-Name = \"a\", NAS-Identifier = \"nas1\", Message-Authenticator = 0x00")]
    [InlineData("wrong-secret", "User-Name = \"a\", NAS-Identifier = \"nas1\"")]
    public async Task WrongSecret_NoAnswer(string secret, string attributes)
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        RadclientResult result = await proxy.RadclientAsync("disconnect", attributes, secret, timeoutSeconds: 1);
        Assert.False(result.GotReply, result.ToString());
        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(proxy.Driver.Calls);
    }

    [Fact]
    public async Task MissingMessageAuthenticator_WhenRequired_NoAnswer()
    {
        var options = TestOptions.Create(new SecurityOptions { RequireMessageAuthenticator = RequireMessageAuthenticator.Yes });
        await using ProxyHost proxy = await ProxyHost.StartAsync(options);
        Assert.False((await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"", timeoutSeconds: 1)).GotReply);
        Assert.Equal("Disconnect-ACK", (await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"" + WithMa)).ReplyCode);
    }

    [Fact]
    public async Task AutoMode_FlipsAfterTheFirstValidMessageAuthenticator()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        Assert.Equal("Disconnect-ACK", (await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"")).ReplyCode);
        Assert.Equal("Disconnect-ACK", (await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"" + WithMa)).ReplyCode);
        Assert.False((await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"", timeoutSeconds: 1)).GotReply);
    }

    [Fact]
    public async Task StaleEventTimestamp_NoAnswer()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        long stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        long fresh = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.False((await proxy.RadclientAsync("disconnect", $"User-Name = \"a\", NAS-Identifier = \"nas1\", Event-Timestamp = {stale}" + WithMa, timeoutSeconds: 1)).GotReply);
        Assert.Equal("Disconnect-ACK", (await proxy.RadclientAsync("disconnect", $"User-Name = \"a\", NAS-Identifier = \"nas1\", Event-Timestamp = {fresh}" + WithMa)).ReplyCode);
    }

    [Fact]
    public async Task RadclientRetransmissions_ReachTheNasOnce()
    {
        // The driver takes longer than radclient's timeout, so radclient retransmits the same packet while the first is
        // in progress; the proxy discards the duplicates and radclient accepts the one answer.
        var driver = new TestDriver();
        driver.Behaviour = async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(2500), ct);
            return DriverResult.Ack();
        };
        await using ProxyHost proxy = await ProxyHost.StartAsync(driver: driver);
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"" + WithMa, timeoutSeconds: 1, retries: 8);
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        Assert.Single(driver.Calls);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
