using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Client;

public sealed class LoginTests
{
    [Theory]
    [InlineData(SimulatedLoginStyle.Modern)]
    [InlineData(SimulatedLoginStyle.Legacy)]
    public async Task Logs_In_With_Either_Login_Style(SimulatedLoginStyle style)
    {
        await using var router = new RouterOsSimulator(new RouterOsSimulatorOptions { LoginStyle = style });
        await using var client = new RouterOsClient(router.CreateClientOptions());

        Response response = await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);

        Assert.Equal("7.19.4 (stable)", response.Rows.Single()["version"]);
        Assert.Equal(1, router.LoginCount);
        Assert.Equal(0, router.FailedLoginCount);
    }

    [Theory]
    [InlineData(SimulatedLoginStyle.Modern, "invalid user name or password")]
    [InlineData(SimulatedLoginStyle.Legacy, "cannot log in")]
    public async Task Bad_Credentials_Fail_With_The_Routers_Message_And_No_Password(SimulatedLoginStyle style, string routerText)
    {
        await using var router = new RouterOsSimulator(new RouterOsSimulatorOptions { LoginStyle = style });
        await using var client = new RouterOsClient(router.CreateClientOptions() with { Password = "wrong-pass-123" });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.AuthenticationFailed, e.Cause);
        Assert.False(e.IsTransient);
        Assert.Contains(routerText, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-123", e.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, router.FailedLoginCount);
    }

    [Fact]
    public async Task A_Closed_Port_Fails_Fast_Then_Backs_Off()
    {
        int port;
        await using (var router = new RouterOsSimulator())
        {
            port = router.Port;
        }

        await using var client = new RouterOsClient(new RouterOsClientOptions
        {
            Host = "127.0.0.1", Port = port, Username = "u", Password = "p", ReconnectBackoffMin = TimeSpan.FromMinutes(1),
        });

        RouterOsException first = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));
        RouterOsException second = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.ConnectFailed, first.Cause);
        Assert.Equal(RouterOsErrorCause.Backoff, second.Cause);
        Assert.True(second.IsTransient);
    }

    [Fact]
    public async Task Max_Sessions_Exceeded_Is_A_Transient_Failure()
    {
        await using var router = new RouterOsSimulator();
        router.Faults.MaxSessions = 0;
        await using var client = new RouterOsClient(router.CreateClientOptions());

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Equal(0, router.LoginCount);
    }
}
