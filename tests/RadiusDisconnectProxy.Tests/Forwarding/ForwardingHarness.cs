using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Radius;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>A NAS simulator, a forwarder with short test timers, and the <c>other</c> driver pointed at the simulator.</summary>
internal sealed class ForwardingHarness : IAsyncDisposable
{
    /// <summary>Short RFC 5080 timers: 5 transmissions within about 1.5 s.</summary>
    public static readonly RetransmissionTimers ShortTimers = new(TimeSpan.FromMilliseconds(100), 5, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));

    private ForwardingHarness(NasSimulator nas, RadiusForwarder forwarder, NasTarget target)
    {
        Nas = nas;
        Forwarder = forwarder;
        Target = target;
        Driver = new ForwardingDriver(forwarder);
    }

    public NasSimulator Nas { get; }

    public RadiusForwarder Forwarder { get; }

    public ForwardingDriver Driver { get; }

    public NasTarget Target { get; }

    public static ForwardingHarness Start(
        NasSimulatorBehavior? behavior = null,
        bool stripProxyState = false,
        bool acceptZeroed = false,
        RetransmissionTimers? timers = null,
        ForwardingOptions? options = null,
        IPEndPoint? endpointOverride = null)
    {
        NasSimulator nas = NasSimulator.Start(ForwardingRequests.NasSecret, behavior);
        var forwarder = new RadiusForwarder(options ?? ForwardingOptions.Default, ShippedDictionary.Instance, NullLogger<RadiusForwarder>.Instance);
        var target = new NasTarget
        {
            Name = "bras1",
            Type = ForwardingNasType.TypeName,
            NasIdentifier = "bras-1",
            Addresses = [IPAddress.Loopback],
            Settings = new ForwardingNasSettings
            {
                CoaEndpoint = endpointOverride ?? nas.Endpoint,
                Secret = ForwardingRequests.NasSecret,
                StripProxyState = stripProxyState,
                AcceptZeroedMessageAuthenticator = acceptZeroed,
                Timers = timers ?? ShortTimers,
            },
        };
        return new ForwardingHarness(nas, forwarder, target);
    }

    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        Driver.ExecuteAsync(request, Target, cancellationToken);

    public ForwardingStatistics Statistics =>
        Forwarder.GetStatistics()[0].Value;

    public async ValueTask DisposeAsync()
    {
        await Forwarder.DisposeAsync();
        await Nas.DisposeAsync();
    }
}
