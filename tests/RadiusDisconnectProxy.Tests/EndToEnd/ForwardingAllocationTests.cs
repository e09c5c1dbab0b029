using Xunit.Abstractions;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>Runs alone: it counts every byte the process allocates, so no other test may run beside it.</summary>
[CollectionDefinition(nameof(AllocationCountingCollection), DisableParallelization = true)]
public sealed class AllocationCountingCollection;

/// <summary>
/// Guards the forwarding hot path against per-packet allocation creeping back (docs/load-testing.md, "Batched UDP"):
/// distinct Disconnect-Requests go one at a time through the real listener (recvmmsg/sendmmsg), pipeline and forwarder to
/// a loopback NAS simulator and back, and the bytes the whole process allocated are divided by the requests. What is
/// left per request is the accepted request's own state (decoded request, context, the answer the duplicate cache keeps
/// for its window); the listener, codec, upstream sockets, pipeline context and audit queue allocate nothing. Counts
/// bytes, never time.
/// </summary>
[Collection(nameof(AllocationCountingCollection))]
public class ForwardingAllocationTests(ITestOutputHelper output)
{
    private const string NasSecret = "nas-secret";

    /// <summary>
    /// Measured 2026-12-07 (loadtests/README.md, "Forwarding hot path: allocation, audit line, one I/O thread"): 768 B per
    /// forwarded request in Release (1,371 B before the audit ring, pooled request contexts, the cached client endpoint and
    /// the allocation-free driver continuation). What is left is the accepted request's decoded form that every driver
    /// type reads (its strings, SessionKeys, DynamicAuthorizationRequest, the packet copy) and the duplicate-cache entry
    /// with its answer, which the cache keeps for its window by design. The bound leaves room for noise only: one more
    /// object per request anywhere on the path (a SocketAddress, an IPEndPoint, an audit event, a state machine box: 100–300 B)
    /// fails it.
    /// </summary>
#if DEBUG
    private const long MaxBytesPerRequest = 2_400;
#else
    private const long MaxBytesPerRequest = 900;
#endif

    [Fact]
    public async Task ForwardedRequest_AllocatesLessThanTheBound()
    {
        await using NasSimulator nas = NasSimulator.Start(NasSecret, new NasSimulatorBehavior { Record = false });
        var target = new NasTarget
        {
            Name = "bras1",
            Type = "other",
            NasIdentifier = "bras-1",
            Settings = new ForwardingNasSettings { CoaEndpoint = nas.Endpoint, Secret = NasSecret },
        };
        await using ProxyHost proxy = await ProxyHost.StartAsync(TestOptions.Create(nases: [target]),
            configure: services => new ForwardingNasType().AddServices(services, TestOptions.Create()));

        // Enough requests that what the test host itself allocates meanwhile (its messages to the runner, up to ~1 MB when
        // this test runs alone) stays a few bytes per request.
        const int Warmup = 1_000;
        const int Measured = 20_000;
        byte[][] requests = new byte[Warmup + Measured][];
        for (int i = 0; i < requests.Length; i++)
        {
            requests[i] = TestPackets.Disconnect((byte)i, TestOptions.Secret, messageAuthenticator: true,
                TestPackets.UserName("alice"), TestPackets.NasIdentifier("bras-1"),
                TestPackets.Text(RadiusAttributeType.AcctSessionId, $"session-{i}"));
        }

        AllocationMeter.AssertBytesPerRequest(output, "forwarding", proxy.EndPoint, requests, Warmup, receiveTimeoutMs: 5_000, MaxBytesPerRequest);
    }
}
