using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikLoggingTests
{
    [Fact]
    public async Task Neither_Logs_Nor_Answers_Carry_The_Api_Password()
    {
        const string password = "Sup3r-Secret-Api-Pass";
        await using var router = new RouterOsSimulator();
        router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        await using MikrotikClientCache clients = Clients();
        var logger = new ListLogger<MikrotikDriver>();
        var driver = new MikrotikDriver(clients, logger);

        DriverResult refused = await driver.ExecuteAsync(
            Disconnect(new SessionKeys { UserName = "alice" }), Nas(router, adjust: s => s with { ApiPassword = password }), Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, refused.ErrorCause);
        Assert.Contains("invalid user name or password", refused.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(password, line, StringComparison.Ordinal));
        Assert.DoesNotContain(password, refused.Detail, StringComparison.Ordinal);
    }
}
