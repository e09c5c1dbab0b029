using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>More than 256 requests in flight toward one NAS: nothing lost, nothing mixed up (reference A.1).</summary>
public sealed class IdentifierSpaceTests
{
    private static readonly NasSimulatorBehavior s_slowEcho = new()
    {
        EchoTypes = [RadiusAttributeType.State],
        Record = false,
        Delay = TimeSpan.FromMilliseconds(1500),
    };

    // Long enough that nothing is retransmitted while the simulator holds its answers back, also on a loaded test host
    // where 700 delayed answers leave the simulator seconds late (a 5 s IRT saw 221 retransmissions there).
    private static readonly RetransmissionTimers s_patientTimers = new(TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    [Fact]
    public async Task MoreThan256InFlight_OpenMoreSourcePorts_AllAnsweredCorrectly()
    {
        await using var harness = ForwardingHarness.Start(s_slowEcho, timers: s_patientTimers);

        await ForwardingDriverTests.RunConcurrentAsync(harness, 700);

        Assert.Equal(3, harness.Statistics.Sockets);
        Assert.Equal(700, harness.Statistics.CoAAcks);
        Assert.Equal(0, harness.Statistics.CoARetransmissions);
        Assert.Equal(0, harness.Statistics.IdentifierWaits);
    }

    [Fact]
    public async Task SocketBoundReached_RequestsWaitForAFreeIdentifier()
    {
        var options = ForwardingOptions.Default with { MaxSocketsPerNas = 1 };
        await using var harness = ForwardingHarness.Start(s_slowEcho, timers: s_patientTimers, options: options);

        await ForwardingDriverTests.RunConcurrentAsync(harness, 300);

        Assert.Equal(1, harness.Statistics.Sockets);
        Assert.Equal(300, harness.Statistics.CoAAcks);
        Assert.Equal(44, harness.Statistics.IdentifierWaits);
        Assert.Equal(0, harness.Statistics.IdentifierExhausted);
    }

    [Fact]
    public async Task SocketBoundReached_WaitIsBounded_Nak506()
    {
        var options = ForwardingOptions.Default with { MaxSocketsPerNas = 1, IdentifierWaitTimeout = TimeSpan.FromMilliseconds(100) };
        await using var harness = ForwardingHarness.Start(
            new NasSimulatorBehavior { NeverAnswer = true, Record = false }, options: options);

        var tasks = new List<Task<DriverResult>>();
        for (int i = 0; i < 260; i++)
        {
            tasks.Add(harness.ExecuteAsync(ForwardingRequests.Create(userName: "u" + i)).AsTask());
        }

        DriverResult[] results = await Task.WhenAll(tasks);

        Assert.Equal(4, results.Count(r => r.ErrorCause == ErrorCause.ResourcesUnavailable));
        Assert.Equal(256, results.Count(r => r.ErrorCause == ErrorCause.OtherProxyProcessingError));
        Assert.Equal(4, harness.Statistics.IdentifierExhausted);
    }
}
