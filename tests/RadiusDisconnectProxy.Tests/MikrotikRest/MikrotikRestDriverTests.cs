using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.MikrotikRest;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.Tests.MikrotikRest;

public sealed class MikrotikRestDriverTests : IAsyncLifetime
{
    private readonly RouterOsSimulator _router = new();
    private readonly RestClientCache _clients = RestTestContext.Clients();

    public async Task InitializeAsync()
    {
        await _router.StartRestAsync();
        _router.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        _router.AddHotspotCookie("alice", "AA:BB:CC:DD:EE:01");
        _router.AddHotspotSession("bob", "AA:BB:CC:DD:EE:02", "10.5.50.11");
        _router.AddPppSession("carol", "AA:BB:CC:00:00:01", "10.9.0.2", "0x81000001");
        _router.AddDhcpLease("AA:BB:CC:00:00:09", "192.168.88.20");
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task Disconnect_By_Mac_In_Any_Notation_Removes_The_Hotspot_Session_And_Its_Cookie()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { CallingStationId = "aabb.ccdd.ee01" }), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal("bob", Assert.Single(_router.HotspotActive.Snapshot())["user"]);
        Assert.Equal(0, _router.HotspotCookies.Count);
        Assert.Contains(_router.RecordedRestRequests, r => r.Method == "DELETE" && r.Target.StartsWith("/rest/ip/hotspot/cookie/*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_By_Session_Id_Removes_The_Ppp_Session()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { AcctSessionId = "0x81000001" }), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(0, _router.PppActive.Count);
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task Every_Match_Is_Removed_Not_Only_The_First()
    {
        _router.AddPppSession("alice", "AA:BB:CC:DD:EE:01", "10.9.0.7", "0x81000007");

        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "alice" }), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.DoesNotContain(_router.HotspotActive.Snapshot(), r => r["user"] == "alice");
        Assert.DoesNotContain(_router.PppActive.Snapshot(), r => r["name"] == "alice");
    }

    [Fact]
    public async Task A_Request_That_Says_Ppp_Searches_And_Removes_Only_Ppp_Sessions()
    {
        _router.AddPppSession("alice", "AA:BB:CC:DD:EE:01", "10.9.0.7", "0x81000007");

        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "alice" }, framedPpp: true), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.DoesNotContain(_router.PppActive.Snapshot(), r => r["name"] == "alice");
        Assert.Contains(_router.HotspotActive.Snapshot(), r => r["user"] == "alice");
        Assert.DoesNotContain(_router.RecordedRestRequests, r => r.Target.StartsWith("/rest/ip/hotspot/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Multiple_Sessions_Rejected_Is_Nak_508_And_Nothing_Removed()
    {
        _router.AddPppSession("alice", "AA:BB:CC:DD:EE:01", "10.9.0.7", "0x81000007");

        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "alice" }),
            RestTestContext.Nas(_router, adjust: s => s with { MultipleSessions = MultipleSessionsPolicy.Reject }), RestTestContext.Deadline());

        Assert.Equal(ErrorCause.MultipleSessionSelectionUnsupported, result.ErrorCause);
        Assert.Equal(2, _router.HotspotActive.Count);
        Assert.Equal(2, _router.PppActive.Count);
    }

    [Fact]
    public async Task An_Ethernet_Session_Removes_Its_Dhcp_Lease_By_Ip()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { FramedIpAddress = IPAddress.Parse("192.168.88.20") }, ethernet: true),
            RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(0, _router.DhcpLeases.Count);
    }

    [Fact]
    public async Task No_Such_Session_Is_Nak_503()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "nobody" }), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.Equal(ErrorCause.SessionContextNotFound, result.ErrorCause);
    }

    [Fact]
    public async Task A_Refused_Remove_Is_Nak_504_With_The_Router_Detail()
    {
        _router.Faults.RefuseRemove("/ip/hotspot/active/remove", "failure: not allowed");

        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "bob" }), RestTestContext.Nas(_router), RestTestContext.Deadline());

        Assert.Equal(ErrorCause.SessionContextNotRemovable, result.ErrorCause);
        Assert.Contains("failure: not allowed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_Credentials_Are_Nak_506()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "bob" }), RestTestContext.Nas(_router, adjust: s => s with { ApiPassword = "wrong" }),
            RestTestContext.Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Equal(2, _router.HotspotActive.Count);
    }

    [Fact]
    public async Task A_Wrong_Certificate_Is_Nak_506_And_No_Request_Reaches_The_Router()
    {
        DriverResult result = await RestTestContext.Driver(_clients).ExecuteAsync(
            RestTestContext.Disconnect(new SessionKeys { UserName = "bob" }),
            RestTestContext.Nas(_router, adjust: s => s with { ApiTlsFingerprint = new string('0', 64) }), RestTestContext.Deadline());

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Equal(0, _router.RestRequestCount);
    }

    [Fact]
    public async Task Coa_Sets_The_Dynamic_Queue_Or_Naks_401_Where_RouterOS_Refuses()
    {
        MikrotikRestDriver driver = RestTestContext.Driver(_clients);
        DriverResult applied = await driver.ExecuteAsync(
            RestTestContext.Coa(new SessionKeys { UserName = "bob" }, r => r with { MikrotikRateLimit = "2M/4M" }), RestTestContext.Nas(_router),
            RestTestContext.Deadline());
        _router.Faults.RefuseDynamicQueueSet = true;
        DriverResult refused = await driver.ExecuteAsync(
            RestTestContext.Coa(new SessionKeys { UserName = "alice" }, r => r with { MikrotikRateLimit = "2M/4M" }), RestTestContext.Nas(_router),
            RestTestContext.Deadline());

        Assert.True(applied.IsAck, applied.Detail);
        Assert.Equal("2M/4M", _router.FindQueue("<hotspot-bob>")!["max-limit"]);
        Assert.Equal(ErrorCause.UnsupportedAttribute, refused.ErrorCause);
        Assert.Contains("can not change dynamic", refused.Detail, StringComparison.Ordinal);
    }
}
