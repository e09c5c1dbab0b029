using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>The answers the driver gives without any node being asked (DESIGN.md §6).</summary>
public sealed class CoovaDriverRejectionTests
{
    private static readonly NasTarget s_mesh = CoovaRequests.Mesh(new MeshNode(146, "C4-4B-D1-00-97-49", CoovaRequests.MeshId));

    private readonly CoovaMeshdeskDriver _driver = CreateDriver(new DisabledMqttTransport());

    [Fact]
    public void Type_IsTheRadiusdeskName() => Assert.Equal("CoovaMeshdesk", _driver.Type);

    [Fact]
    public async Task Coa_NothingCoovaChilliCanApply_Nak401()
    {
        DynamicAuthorizationRequest coa = CoovaRequests.Coa("0C-C6-FD-7B-8B-AA") with { MikrotikRateLimit = "2M/4M" };

        DriverResult result = await _driver.ExecuteAsync(coa, s_mesh, CancellationToken.None);

        Assert.Equal(ErrorCause.UnsupportedAttribute, result.ErrorCause);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+27821234567")]
    [InlineData("0C-C6-FD-7B-8B")]
    public async Task Disconnect_WithoutAClientMac_Nak402(string? callingStationId)
    {
        DriverResult result = await _driver.ExecuteAsync(CoovaRequests.Disconnect(callingStationId), s_mesh, CancellationToken.None);

        Assert.Equal(ErrorCause.MissingAttribute, result.ErrorCause);
    }

    [Fact]
    public async Task Coa_BandwidthWithoutAClientMac_Nak402()
    {
        DynamicAuthorizationRequest coa = CoovaRequests.Coa(null) with { WisprBandwidthMaxDown = 4_000_000 };

        DriverResult result = await _driver.ExecuteAsync(coa, s_mesh, CancellationToken.None);

        Assert.Equal(ErrorCause.MissingAttribute, result.ErrorCause);
    }

    [Fact]
    public async Task Disconnect_MqttOff_Nak506AtOnce()
    {
        var clock = Stopwatch.StartNew();

        DriverResult result = await _driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"), s_mesh, CancellationToken.None);

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Disconnect_NasWithoutNodes_Nak502()
    {
        DriverResult result = await _driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"), CoovaRequests.Mesh(), CancellationToken.None);

        Assert.Equal(ErrorCause.RequestNotRoutable, result.ErrorCause);
    }

    [Fact]
    public async Task Disconnect_NasOfAnotherType_Nak502()
    {
        NasTarget other = s_mesh with { Type = "other", Settings = new ForwardingNasSettings { CoaEndpoint = new(System.Net.IPAddress.Loopback, 3799), Secret = "x" } };

        DriverResult result = await _driver.ExecuteAsync(CoovaRequests.Disconnect("0C-C6-FD-7B-8B-AA"), other, CancellationToken.None);

        Assert.Equal(ErrorCause.RequestNotRoutable, result.ErrorCause);
    }

    internal static CoovaMeshdeskDriver CreateDriver(IMqttCommandTransport transport, PendingReplyTable? pending = null) =>
        new(new NodeCommandBus(transport, pending ?? new PendingReplyTable(), NullLogger<NodeCommandBus>.Instance),
            new CommandIdGenerator(), new NullNodeActionRecorder(), new LiveMqttOptions(new MqttOptions { ReplyTimeout = TimeSpan.FromSeconds(5) }),
            NullLogger<CoovaMeshdeskDriver>.Instance);
}
