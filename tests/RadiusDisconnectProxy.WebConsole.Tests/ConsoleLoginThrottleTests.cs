using System.Net;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>Five failed logins from one address within a minute: the next attempt gets 429, even with the right password.</summary>
[Trait("Category", "RealService")]
public sealed class ConsoleLoginThrottleTests
{
    [Fact]
    public async Task FiveFailedLogins_ThenEveryAttemptIs429_WithRetryAfter()
    {
        await using ConsoleDaemon daemon = await ConsoleDaemon.StartAsync("");
        using var client = new ConsoleClient(daemon.ConsoleUrl);
        for (int i = 1; i <= 5; i++)
        {
            using HttpResponseMessage wrong = await client.LoginAsync(ConsoleDaemon.User, $"guess {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using HttpResponseMessage blocked = await client.LoginAsync(ConsoleDaemon.User, ConsoleDaemon.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter?.Delta);
        Assert.InRange(blocked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.False(blocked.Headers.Contains("Set-Cookie"));
        Assert.Contains("\"EventId\":{\"Id\":7003", daemon.Output, StringComparison.Ordinal);
    }
}
