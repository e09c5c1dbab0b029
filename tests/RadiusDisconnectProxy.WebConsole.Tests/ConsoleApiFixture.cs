using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>A simulated router and the real daemon with a console, for the API tests (no browser).</summary>
public sealed class ConsoleApiFixture : IAsyncLifetime
{
    public RouterOsSimulator Router { get; } = new(new RouterOsSimulatorOptions { Username = "rdproxy", Password = "router-pass-93b2" });

    /// <summary>An RFC 5176 NAS (type = other): console disconnects are forwarded to it like a DAC's.</summary>
    public NasSimulator Nas { get; } = NasSimulator.Start("nas-secret-77e0");

    internal ConsoleDaemon Daemon { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Router.AddHotspotSession("dave", "0C:C6:FD:00:00:01", "10.5.50.31");
        Router.AddHotspotSession("erin", "0C:C6:FD:00:00:02", "10.5.50.32");
        Router.AddPppSession("erin", "52:54:00:00:00:02", "10.0.0.32", "81b00002");
        Router.AddHotspotSession("heidi", "0C:C6:FD:00:00:03", "10.5.50.33");
        Daemon = await ConsoleDaemon.StartAsync(ConsoleBrowserFixture.RouterNas("hq", Router)
            + $"\nnas bras1 {{ type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {Nas.Endpoint.Port}  secret = nas-secret-77e0  mrd = 3s }}");
    }

    internal async Task<ConsoleClient> LoggedInAsync()
    {
        var client = new ConsoleClient(Daemon.ConsoleUrl);
        using HttpResponseMessage login = await client.LoginAsync(ConsoleDaemon.User, ConsoleDaemon.Password);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, login.StatusCode);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Daemon.DisposeAsync();
        await Router.DisposeAsync();
        await Nas.DisposeAsync();
    }
}
