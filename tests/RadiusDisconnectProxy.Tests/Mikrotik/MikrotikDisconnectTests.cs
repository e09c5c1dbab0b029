using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikDisconnectTests : IAsyncLifetime
{
    private RouterOsSimulator _router = null!;
    private MikrotikClientCache _clients = null!;
    private MikrotikDriver _driver = null!;

    public Task InitializeAsync()
    {
        _router = new RouterOsSimulator();
        _clients = Clients();
        _driver = Driver(_clients);
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotSession("bob", "AA:BB:CC:DD:EE:02", "10.5.50.11");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        _router.AddPppSession("dave", "AA:BB:CC:00:00:02", "10.9.0.3", "0x81000002");
        _router.AddHotspotCookie("alice", "AA:BB:CC:DD:EE:01");
        _router.AddHotspotCookie("bob", "AA:BB:CC:DD:EE:02");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _router.DisposeAsync();
    }

    public static TheoryData<string, SessionKeys> HotspotKeys => new()
    {
        { "user", new SessionKeys { UserName = "alice" } },
        { "mac dashed lower case", new SessionKeys { CallingStationId = "aa-bb-cc-dd-ee-01" } },
        { "ip", new SessionKeys { FramedIpAddress = IPAddress.Parse("10.5.50.10") } },
        { "all three", new SessionKeys { UserName = "alice", CallingStationId = "AA:BB:CC:DD:EE:01", FramedIpAddress = IPAddress.Parse("10.5.50.10") } },
    };

    public static TheoryData<string, SessionKeys> PppKeys => new()
    {
        { "session id", new SessionKeys { AcctSessionId = "0x81000001" } },
        { "user", new SessionKeys { UserName = "carol" } },
        { "mac", new SessionKeys { CallingStationId = "AABB.CC00.0001" } },
        { "ip", new SessionKeys { FramedIpAddress = IPAddress.Parse("10.9.0.2") } },
        { "session id and user", new SessionKeys { AcctSessionId = "0x81000001", UserName = "carol" } },
    };

    [Theory]
    [MemberData(nameof(HotspotKeys))]
    public async Task Removes_A_Hotspot_Session_And_Its_Cookies(string by, SessionKeys keys)
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(keys), Nas(_router), Deadline());

        Assert.True(result.IsAck, by + ": " + result.Detail);
        Assert.Equal(["bob"], _router.HotspotActive.Snapshot().Select(r => r["user"]));
        Assert.Equal(["bob"], _router.HotspotCookies.Snapshot().Select(r => r["user"]));
        Assert.Equal(2, _router.PppActive.Count);
    }

    [Theory]
    [MemberData(nameof(PppKeys))]
    public async Task Removes_A_Pppoe_Session(string by, SessionKeys keys)
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(keys), Nas(_router), Deadline());

        Assert.True(result.IsAck, by + ": " + result.Detail);
        Assert.Equal(["dave"], _router.PppActive.Snapshot().Select(r => r["name"]));
        Assert.Equal(2, _router.HotspotActive.Count);
        Assert.Contains(_router.RecordedCommands, c => c.Path == "/ppp/active/remove");
    }

    [Fact]
    public async Task Cookies_Stay_When_Remove_Cookies_Is_Off()
    {
        NasTarget nas = Nas(_router, adjust: s => s with { RemoveCookies = false });

        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), nas, Deadline());

        Assert.True(result.IsAck);
        Assert.Equal(2, _router.HotspotCookies.Count);
    }

    [Fact]
    public async Task No_Match_Is_503()
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "mallory" }), Nas(_router), Deadline());

        Assert.False(result.IsAck);
        Assert.Equal(ErrorCause.SessionContextNotFound, result.ErrorCause);
    }

    [Fact]
    public async Task Every_Given_Key_Must_Match()
    {
        var keys = new SessionKeys { UserName = "alice", FramedIpAddress = IPAddress.Parse("10.5.50.11") };

        DriverResult result = await _driver.ExecuteAsync(Disconnect(keys), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.SessionContextNotFound, result.ErrorCause);
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task An_Acct_Session_Id_Alone_Searches_Only_Ppp()
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { AcctSessionId = "0x99" }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.SessionContextNotFound, result.ErrorCause);
        Assert.DoesNotContain(_router.RecordedCommands, c => c.Path == "/ip/hotspot/active/print");
    }

    [Fact]
    public async Task A_Refused_Remove_Is_504()
    {
        _router.Faults.RefuseRemove("/ip/hotspot/active/remove");

        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.SessionContextNotRemovable, result.ErrorCause);
        Assert.Equal(2, _router.HotspotActive.Count);
        // The cookie print may have gone out with the remove, but nothing is deleted after a refused remove.
        Assert.Equal(2, _router.HotspotCookies.Count);
        Assert.DoesNotContain(_router.RecordedCommands, c => c.Path == "/ip/hotspot/cookie/remove");
    }

    [Fact]
    public async Task The_Cookie_Print_Goes_With_The_Remove_And_Cookies_Are_Deleted_After_It()
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), Nas(_router), Deadline());

        Assert.True(result.IsAck, result.Detail);
        RecordedCommand[] commands = [.. _router.RecordedCommands];
        RecordedCommand Single(string path) => Assert.Single(commands, c => c.Path == path);
        Assert.Equal(Single("/ip/hotspot/active/print").ConnectionId, Single("/ppp/active/print").ConnectionId);
        Assert.Equal(Single("/ip/hotspot/active/remove").ConnectionId, Single("/ip/hotspot/cookie/print").ConnectionId);
        Assert.Equal("alice", Single("/ip/hotspot/cookie/print").Words.Single(w => w.StartsWith("?user=", StringComparison.Ordinal))[6..]);
        // Cookies are deleted only after the session's remove.
        Assert.True(Array.FindIndex(commands, c => c.Path == "/ip/hotspot/cookie/remove")
            > Array.FindIndex(commands, c => c.Path == "/ip/hotspot/active/remove"));
    }

    [Fact]
    public async Task Several_Matches_Are_508_When_The_Nas_Rejects_Them()
    {
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:09", "10.5.50.19");
        NasTarget nas = Nas(_router, adjust: s => s with { MultipleSessions = MultipleSessionsPolicy.Reject });

        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), nas, Deadline());

        Assert.Equal(ErrorCause.MultipleSessionSelectionUnsupported, result.ErrorCause);
        Assert.Equal(3, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Several_Matches_Are_All_Removed_By_Default()
    {
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:09", "10.5.50.19");

        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { UserName = "alice" }), Nas(_router), Deadline());

        Assert.True(result.IsAck);
        Assert.Equal(["bob"], _router.HotspotActive.Snapshot().Select(r => r["user"]));
    }

    [Fact]
    public async Task No_Usable_Key_Is_402()
    {
        DriverResult result = await _driver.ExecuteAsync(Disconnect(new SessionKeys { NasPort = 7 }), Nas(_router), Deadline());

        Assert.Equal(ErrorCause.MissingAttribute, result.ErrorCause);
    }
}
