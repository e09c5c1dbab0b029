using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Nas;

namespace RadiusDisconnectProxy.Tests.Forwarding;

public sealed class RetransmissionTests
{
    [Fact]
    public async Task DroppedTransmissions_AreRetransmittedByteForByte()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { DropFirst = 2 });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.True(result.IsAck, result.Detail);
        IReadOnlyList<NasReceivedPacket> received = harness.Nas.Received;
        Assert.True(received.Count >= 3);
        foreach (NasReceivedPacket retransmission in received.Skip(1))
        {
            Assert.Equal(Convert.ToHexString(received[0].Bytes), Convert.ToHexString(retransmission.Bytes));
            Assert.Equal(received[0].Source, retransmission.Source);
        }

        Assert.True(harness.Statistics.DisconRetransmissions >= 2);
    }

    [Fact]
    public async Task LateAnswerToARetransmission_IsDiscardedAndCounted()
    {
        // The NAS answers every transmission 500 ms late: the first answer completes the exchange, the answer to the
        // retransmission (sent at about 100 ms) arrives for a request that is no longer in flight.
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { Delay = TimeSpan.FromMilliseconds(500) });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.True(result.IsAck, result.Detail);
        await harness.Nas.WaitForReceivedAsync(2, TimeSpan.FromSeconds(10));
        long deadline = Environment.TickCount64 + 10_000;
        while (harness.Statistics.PacketsDropped == 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(harness.Statistics.PacketsDropped >= 1);
        Assert.Equal(1, harness.Statistics.DisconAcks);
    }

    [Fact]
    public async Task NasNeverAnswers_Nak505AfterTheLastRetransmission()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { NeverAnswer = true });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create(RadiusCode.CoaRequest));

        Assert.False(result.IsAck);
        Assert.Equal(ErrorCause.OtherProxyProcessingError, result.ErrorCause);
        Assert.Null(result.RelayedAttributes);
        // The simulator records on its own thread, which a loaded test host can hold up past the give-up; a transmission
        // that never left would still fail here (timeout) or below (a sixth).
        await harness.Nas.WaitForReceivedAsync(5, TimeSpan.FromSeconds(5));
        Assert.Equal(5, harness.Nas.Received.Count); // MRC = 5 transmissions
        Assert.Equal(1, harness.Statistics.CoATimeouts);
        Assert.Equal(4, harness.Statistics.CoARetransmissions);
    }

    [Fact]
    public async Task Mrd_EndsTheExchangeBeforeMrc()
    {
        var timers = new RetransmissionTimers(TimeSpan.FromMilliseconds(100), 50, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(450));
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { NeverAnswer = true }, timers: timers);

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.Equal(ErrorCause.OtherProxyProcessingError, result.ErrorCause);
        Assert.InRange(harness.Nas.Received.Count, 2, 6);
    }

    [Fact]
    public async Task AnswerSignedWithAnotherSecret_IsDiscarded_Nak505()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { AnswerSecret = "wrong-secret" });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.Equal(ErrorCause.OtherProxyProcessingError, result.ErrorCause);
        Assert.True(harness.Statistics.BadAuthenticators >= 1);
        Assert.Equal(0, harness.Statistics.DisconAcks);
    }

    [Fact]
    public async Task NasWithAnotherSecret_DropsOurRequests_Nak505()
    {
        await using var harness = ForwardingHarness.Start();
        await using var forwarder = new Forwarder.RadiusForwarder(
            Forwarder.ForwardingOptions.Default, TestSupport.Radius.ShippedDictionary.Instance,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Forwarder.RadiusForwarder>.Instance);
        var target = new Forwarder.ForwardingTarget(harness.Nas.Endpoint, "not-the-nas-secret") { Timers = ForwardingHarness.ShortTimers };

        DriverResult result = await forwarder.ForwardAsync(ForwardingRequests.Create(), target, CancellationToken.None);

        Assert.Equal(ErrorCause.OtherProxyProcessingError, result.ErrorCause);
        // As above: the simulator may count the last transmission after the give-up; a sixth would still fail here.
        await harness.Nas.WaitForBadAuthenticatorsAsync(5, TimeSpan.FromSeconds(5));
        Assert.Equal(5, harness.Nas.BadAuthenticatorCount); // MRC = 5 transmissions, each dropped by the NAS
        Assert.Empty(harness.Nas.Received);
    }

    [Fact]
    public async Task ZeroedMessageAuthenticator_RejectedByDefault()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { ZeroedMessageAuthenticatorBug = true });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.Equal(ErrorCause.OtherProxyProcessingError, result.ErrorCause);
        Assert.True(harness.Statistics.BadAuthenticators >= 1);
    }

    [Fact]
    public async Task ZeroedMessageAuthenticator_AcceptedWhenConfigured()
    {
        await using var harness = ForwardingHarness.Start(
            new NasSimulatorBehavior { ZeroedMessageAuthenticatorBug = true, NakErrorCause = ErrorCause.SessionContextNotFound },
            acceptZeroed: true);

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.False(result.IsAck);
        Assert.Equal([RadiusAttributeType.ErrorCause], ForwardingRequests.ParseAttributes(result.RelayedAttributes).Select(a => a.Key));
        Assert.Equal(0, harness.Statistics.BadAuthenticators);
    }

    [Fact]
    public async Task CorrectMessageAuthenticator_AcceptedAlsoWhenZeroedIsAllowed()
    {
        await using var harness = ForwardingHarness.Start(acceptZeroed: true);

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.True(result.IsAck, result.Detail);
    }

    [Fact]
    public async Task Ipv6Nas_IsReached()
    {
        await using NasSimulator nas = NasSimulator.Start(ForwardingRequests.NasSecret, ipv6: true);
        await using var forwarder = new Forwarder.RadiusForwarder(
            Forwarder.ForwardingOptions.Default, TestSupport.Radius.ShippedDictionary.Instance,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Forwarder.RadiusForwarder>.Instance);

        DriverResult result = await forwarder.ForwardAsync(ForwardingRequests.Create(), nas.Endpoint, ForwardingRequests.NasSecret, CancellationToken.None);

        Assert.True(result.IsAck, result.Detail);
        Assert.Equal(IPAddress.IPv6Loopback, Assert.Single(nas.Received).Source.Address);
    }

    [Fact]
    public async Task PortUnreachable_Nak506()
    {
        // A bound socket that never reads is not what we want: close it so the kernel answers ICMP port unreachable.
        IPEndPoint closed;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!;
        }

        await using var harness = ForwardingHarness.Start(endpointOverride: closed);

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        Assert.Equal(1, harness.Statistics.Unreachable);
    }

    [Fact]
    public async Task PortUnreachable_UnderConcurrentLoad_EveryRequestGetsOneNak()
    {
        // ICMP errors fail everything in flight on a socket while other requests are between taking a slot and their
        // first send: each must still end exactly once (a second completion used to abort the process).
        IPEndPoint closed;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!;
        }

        await using var harness = ForwardingHarness.Start(endpointOverride: closed);

        for (int round = 0; round < 20; round++)
        {
            DriverResult[] results = await Task.WhenAll(Enumerable.Range(0, 64)
                .Select(_ => Task.Run(async () => await harness.ExecuteAsync(ForwardingRequests.Create()))));

            Assert.All(results, r => Assert.False(r.IsAck));
        }
    }

    [Fact]
    public async Task Cancellation_Nak506_AndFreesTheIdentifier()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { NeverAnswer = true });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create(), cts.Token);

        Assert.Equal(ErrorCause.ResourcesUnavailable, result.ErrorCause);
        harness.Nas.Behavior = NasSimulatorBehavior.Ack;
        Assert.True((await harness.ExecuteAsync(ForwardingRequests.Create())).IsAck);
    }
}
