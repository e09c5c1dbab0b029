using Microsoft.Playwright;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// One simulated RouterOS router with hotspot and PPP sessions, the real daemon with a console in front of it, and
/// Debian's Chromium driven by Playwright (never a browser Playwright downloads: there is no network here).
/// </summary>
public sealed class ConsoleBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private ConsoleDaemon? _daemon;

    public RouterOsSimulator Router { get; } = new(new RouterOsSimulatorOptions { Username = "rdproxy", Password = "router-pass-93b2" });

    internal ConsoleDaemon Daemon => _daemon!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of every page go (kept as test artefacts; docs/console.md shows two of them).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    public async Task InitializeAsync()
    {
        Router.AddHotspotSession("alice", "0C:C6:FD:7B:8B:AA", "10.5.50.11");
        Router.AddHotspotSession("frank", "0C:C6:FD:7B:8B:AB", "10.5.50.12");
        Router.AddPppSession("carol", "52:54:00:12:34:56", "10.0.0.21", "81a00003");
        Router.AddPppSession("grace", "52:54:00:12:34:57", "10.0.0.22", "81a00004");
        _daemon = await ConsoleDaemon.StartAsync(RouterNas("hq", Router) + "\nnas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.9  secret = nas-secret-77e0 }");
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container: Chromium's own sandbox needs user namespaces that may be missing.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public static string RouterNas(string name, RouterOsSimulator router) =>
        $"nas {name} {{ type = Mikrotik-API  nasidentifier = {name}  ipaddr = 127.0.0.5  api_host = {router.Host}  api_port = {router.Port}  " +
        $"api_username = {router.Options.Username}  api_password = {router.Options.Password} }}";

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    public async Task LogInAsync(IPage page)
    {
        await page.GotoAsync(Daemon.ConsoleUrl + "/");
        await page.FillAsync("#login-username", ConsoleDaemon.User);
        await page.FillAsync("#login-password", ConsoleDaemon.Password);
        await page.ClickAsync("#login-submit");
        await page.Locator("#nas-table tbody tr").First.WaitForAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name) });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        await Router.DisposeAsync();
    }
}
