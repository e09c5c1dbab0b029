using Microsoft.Playwright;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// An operator's day in the console, in a real browser against the real daemon: log in, see the NASes, test the router,
/// list and disconnect a session (gone from the router), watch a radclient request arrive in the live feed, the charts,
/// the phone layout, and a wrong password. Screenshots of each page are written to <c>console-screenshots/</c>.
/// </summary>
[Trait("Category", "RealService")]
public sealed class ConsoleBrowserTests(ConsoleBrowserFixture fixture) : IClassFixture<ConsoleBrowserFixture>
{
    [Fact]
    public async Task Operator_LogsIn_TestsTheRouter_ListsSessions_AndDisconnectsOne()
    {
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Daemon.ConsoleUrl + "/");
        await page.Locator("#login-form").WaitForAsync();
        await ConsoleBrowserFixture.ScreenshotAsync(page, "01-login.png");

        await fixture.LogInAsync(page);
        ILocator hq = page.Locator("#nas-table tr[data-nas='hq']");
        await Assertions.Expect(hq).ToContainTextAsync("Mikrotik-API");
        await Assertions.Expect(page.Locator("#nas-table tr[data-nas='bras1']")).ToContainTextAsync("other");

        // "Test connection" from the list: the toast says it worked and the NAS shows as up.
        await hq.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.ok")).ToContainTextAsync("hq: connection OK");
        await Assertions.Expect(hq.Locator(".badge.up")).ToBeVisibleAsync();
        await ConsoleBrowserFixture.ScreenshotAsync(page, "02-nases.png");

        // The NAS page: the router's reply to the test, and its hotspot and PPP sessions.
        await hq.GetByRole(AriaRole.Link, new() { Name = "hq" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sessions-table tr[data-session]")).ToHaveCountAsync(fixture.Router.HotspotActive.Count + fixture.Router.PppActive.Count);
        await page.ClickAsync("#nas-test");
        await Assertions.Expect(page.Locator("#test-table")).ToContainTextAsync("board-name");
        await Assertions.Expect(page.Locator("#test-status .badge.ok")).ToBeVisibleAsync();
        ILocator alice = page.Locator("#sessions-table tr", new() { HasText = "alice" });
        await Assertions.Expect(alice).ToContainTextAsync("0C:C6:FD:7B:8B:AA");
        await ConsoleBrowserFixture.ScreenshotAsync(page, "03-nas-sessions.png");

        // Disconnect: the router no longer has the session, the page says so and the row goes.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.ok", new() { HasText = "alice disconnected from hq" })).ToBeVisibleAsync();
        Assert.Empty(fixture.Router.HotspotActive.Where(row => row["user"] == "alice"));
        await Assertions.Expect(page.Locator("#sessions-table tr", new() { HasText = "alice" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#sessions-table tr", new() { HasText = "frank" })).ToHaveCountAsync(1);
        await ConsoleBrowserFixture.ScreenshotAsync(page, "04-disconnected.png");

        // The console's disconnect is audited with the console user's name.
        Assert.Contains("console:admin", fixture.Daemon.Output, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RadclientRequest_AppearsInTheLiveFeed_AndTheCharts()
    {
        IPage page = await fixture.NewPageAsync();
        await fixture.LogInAsync(page);
        await page.GotoAsync(fixture.Daemon.ConsoleUrl + "/#/feed");
        await page.Locator("#feed-status").GetByText("updated").WaitForAsync();

        RadclientResult result = await RadclientRunner.RunAsync(fixture.Daemon.RadiusEndPoint, "disconnect", ConsoleDaemon.ClientSecret,
            "User-Name = \"carol\", NAS-Identifier = \"hq\", Message-Authenticator = 0x00");
        Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());

        // Without reloading: the feed polls and shows the request with its source, NAS, keys and result.
        ILocator row = page.Locator("#feed-table tbody tr", new() { HasText = "user carol" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("local");
        await Assertions.Expect(row).ToContainTextAsync("hq");
        await Assertions.Expect(row).ToContainTextAsync("ACK");
        await ConsoleBrowserFixture.ScreenshotAsync(page, "05-live-feed.png");

        // A NAK too, so the results chart has both kinds.
        RadclientResult nak = await RadclientRunner.RunAsync(fixture.Daemon.RadiusEndPoint, "disconnect", ConsoleDaemon.ClientSecret,
            "User-Name = \"nobody\", NAS-Identifier = \"hq\", Message-Authenticator = 0x00");
        Assert.True(nak.ReplyCode == "Disconnect-NAK", nak.ToString());
        await Assertions.Expect(page.Locator("#feed-table tbody tr", new() { HasText = "user nobody" })).ToContainTextAsync("503 Session-Context-Not-Found");

        await page.GotoAsync(fixture.Daemon.ConsoleUrl + "/#/charts");
        await Assertions.Expect(page.Locator("#totals")).ToContainTextAsync("requests");
        await ConsoleBrowserFixture.ScreenshotAsync(page, "06-charts.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PhoneSizedScreen_ShowsTheNasListAndSessionsReadably()
    {
        IPage page = await fixture.NewPageAsync(390, 844);
        await fixture.LogInAsync(page);
        ILocator hq = page.Locator("#nas-table tr[data-nas='hq']");
        await Assertions.Expect(hq).ToBeVisibleAsync();
        // Each cell stacks with its label; nothing runs off the screen sideways.
        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth} px wide on a 390 px screen");
        await ConsoleBrowserFixture.ScreenshotAsync(page, "07-phone-nases.png");
        await hq.GetByRole(AriaRole.Link, new() { Name = "hq" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sessions-table tr", new() { HasText = "grace" })).ToBeVisibleAsync();
        await ConsoleBrowserFixture.ScreenshotAsync(page, "08-phone-sessions.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithAClearMessage()
    {
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Daemon.ConsoleUrl + "/");
        await page.FillAsync("#login-username", ConsoleDaemon.User);
        await page.FillAsync("#login-password", "not the password");
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong user name or password.");
        await Assertions.Expect(page.Locator("#topbar")).ToBeHiddenAsync();
        await ConsoleBrowserFixture.ScreenshotAsync(page, "09-login-failed.png");
        Assert.Empty(await page.Context.CookiesAsync());
        await page.Context.CloseAsync();
    }
}
