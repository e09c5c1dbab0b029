using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Radius;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.Tests.Forwarding;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

/// <summary>CoA to a Mikrotik with coa_port and secret: forwarded by the real RFC 5176 forwarder to the router's DAS.</summary>
public sealed class MikrotikCoaForwardingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(ErrorCause.SessionContextNotFound)]
    public async Task The_Coa_Goes_To_The_Routers_Radius_Incoming_And_Its_Answer_Comes_Back(ErrorCause? routerAnswer)
    {
        await using NasSimulator routerRadius = NasSimulator.Start(ForwardingRequests.NasSecret, new NasSimulatorBehavior { NakErrorCause = routerAnswer });
        await using var routerApi = new RouterOsSimulator();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        new ForwardingNasType().AddServices(services, new ProxyOptions());
        new MikrotikNasType().AddServices(services, new ProxyOptions());
        await using ServiceProvider provider = services.BuildServiceProvider();
        INasDriver driver = provider.GetServices<INasDriver>().Single(d => d.Type == MikrotikNasType.TypeName);
        NasTarget nas = Nas(routerApi, adjust: s => s with { CoaEndpoint = routerRadius.Endpoint, Secret = ForwardingRequests.NasSecret });

        DriverResult result = await driver.ExecuteAsync(ForwardingRequests.Create(RadiusCode.CoaRequest), nas, Deadline());

        Assert.Equal(routerAnswer is null, result.IsAck);
        NasReceivedPacket received = Assert.Single(routerRadius.Received);
        Assert.Equal(RadiusCode.CoaRequest, received.Code);
        Assert.Equal("alice", received.UserName);
        Assert.True(received.HasMessageAuthenticator);
        Assert.Empty(routerApi.RecordedCommands);
    }

    [Fact]
    public async Task Disconnects_Still_Use_The_Api_When_Forwarding_Is_Configured()
    {
        await using NasSimulator routerRadius = NasSimulator.Start(ForwardingRequests.NasSecret);
        await using var routerApi = new RouterOsSimulator();
        routerApi.AddHotspotSession("alice", "AA:BB:CC:DD:EE:01", "10.5.50.10");
        await using var forwarder = new RadiusForwarder(ForwardingOptions.Default, ShippedDictionary.Instance, NullLogger<RadiusForwarder>.Instance);
        await using MikrotikClientCache clients = Clients();
        NasTarget nas = Nas(routerApi, adjust: s => s with { CoaEndpoint = routerRadius.Endpoint, Secret = ForwardingRequests.NasSecret });

        DriverResult result = await Driver(clients, new RadiusForwarderCoaForwarder(forwarder))
            .ExecuteAsync(ForwardingRequests.Create(RadiusCode.DisconnectRequest), nas, Deadline());

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(0, routerApi.HotspotActive.Count);
        Assert.Empty(routerRadius.Received);
    }
}
