using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikFailureTests
{
    [Fact]
    public async Task A_Router_That_Is_Down_Is_506()
    {
        NasTarget nas;
        await using (var gone = new RouterOsSimulator())
        {
            nas = Nas(gone);
        }

        await using var clients = Clients();
        MikrotikDriver driver = Driver(clients);

        DriverResult first = await driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), nas, Deadline());
        DriverResult second = await driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), nas, Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, first.ErrorCause);
        Assert.Equal(ErrorCause.ResourcesUnavailable, second.ErrorCause);
    }

    [Fact]
    public async Task A_Router_That_Does_Not_Answer_Is_506_At_The_Request_Deadline()
    {
        await using var router = new RouterOsSimulator();
        router.Faults.ReplyDelay = TimeSpan.FromMinutes(1);
        await using var clients = Clients();

        DriverResult result = await Driver(clients).ExecuteAsync(
            Disconnect(new SessionKeys { UserName = "alice" }), Nas(router), Deadline(0.5));

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
    }

    [Fact]
    public async Task Wrong_Api_Credentials_Are_506()
    {
        await using var router = new RouterOsSimulator();
        await using var clients = Clients();

        DriverResult result = await Driver(clients).ExecuteAsync(
            Disconnect(new SessionKeys { UserName = "alice" }), Nas(router, adjust: s => s with { ApiPassword = "nope" }), Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Equal(1, router.FailedLoginCount);
    }

    [Fact]
    public async Task A_Connection_Dropped_Mid_Command_Is_Answered_And_The_Next_Request_Succeeds()
    {
        await using var router = new RouterOsSimulator();
        router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        await using var clients = Clients();
        MikrotikDriver driver = Driver(clients);
        router.Faults.DropConnectionOn("/ppp/active/print");

        DriverResult dropped = await driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "carol" }), Nas(router), Deadline());
        DriverResult retried = await driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "carol" }), Nas(router), Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, dropped.ErrorCause);
        Assert.True(retried.IsAck, retried.Detail);
        Assert.Equal(0, router.PppActive.Count);
        Assert.Equal(2, router.RecordedCommands.Where(c => c.Path == "/ppp/active/print").Select(c => c.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task A_Router_Rebooted_While_The_Connection_Was_Idle_Still_Gets_The_Request_Done()
    {
        await using var router = new RouterOsSimulator();
        router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        await using MikrotikClientCache clients = Clients();
        MikrotikDriver driver = Driver(clients);
        Assert.Equal(ErrorCause.SessionContextNotFound,
            (await driver.ExecuteAsync(Disconnect(new SessionKeys { AcctSessionId = "0x99" }), Nas(router), Deadline())).ErrorCause);
        router.Faults.CloseSilentlyOn("/ppp/active/print");

        DriverResult result = await driver.ExecuteAsync(Disconnect(new SessionKeys { AcctSessionId = "0x81000001" }), Nas(router), Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(0, router.PppActive.Count);
        Assert.Equal(2, router.LoginCount);
    }

    [Fact]
    public async Task A_Fatal_During_Remove_Is_506_And_The_Session_Stays()
    {
        await using var router = new RouterOsSimulator();
        router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        await using var clients = Clients();
        router.Faults.FatalOn("/ip/hotspot/active/remove");

        DriverResult result = await Driver(clients).ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), Nas(router), Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Equal(1, router.HotspotActive.Count);
    }
}
