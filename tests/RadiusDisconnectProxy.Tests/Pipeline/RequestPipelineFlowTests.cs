using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>Duplicates, overload, the session directory, metrics and audit.</summary>
public class RequestPipelineFlowTests
{
    private const string S = TestOptions.Secret;

    [Fact]
    public void Retransmission_GetsTheSameAnswer_AndNeverReachesTheNasTwice()
    {
        using var harness = new PipelineHarness();
        byte[] request = Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1"));
        byte[] first = harness.Exchange(request)!.Bytes;

        Assert.Equal(PipelineOutcome.Replayed, harness.Send(request));
        Assert.True(harness.Transport.TryTake(out byte[] second));
        Assert.Equal(first, second);
        Assert.Single(harness.Driver.Calls);

        // Same Identifier from another source port is another request.
        Assert.NotNull(harness.Exchange(request, port: 40_001));
        Assert.Equal(2, harness.Driver.Calls.Count);
    }

    [Fact]
    public void SameIdentifierWithANewAuthenticator_IsANewRequest()
    {
        using var harness = new PipelineHarness();
        harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")));
        harness.Exchange(Disconnect(1, S, true, UserName("b"), NasIdentifier("nas1")));
        Assert.Equal(["a", "b"], harness.Driver.Calls.Select(c => c.Request.Keys.UserName));
    }

    [Fact]
    public async Task DuplicateOfARequestInProgress_IsDiscarded_ThenAnsweredOnce()
    {
        using var harness = new PipelineHarness();
        var release = new TaskCompletionSource();
        harness.Driver.HoldUntil(release.Task, DriverResult.Ack());
        byte[] request = Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1"));

        Assert.Equal(PipelineOutcome.Dispatched, harness.Send(request));
        Assert.Equal(PipelineOutcome.Dropped, harness.Send(request));
        release.SetResult();
        Answer answer = new(await harness.Transport.NextAsync(), request, S);
        Assert.Equal(RadiusCode.DisconnectAck, answer.Code);
        Assert.Single(harness.Driver.Calls);
        Assert.Equal(1, harness.Transport.Count);
    }

    [Fact]
    public async Task BeyondMaxPending_Nak506_AndTheRetryIsTriedAfresh()
    {
        var options = TestOptions.Create(new SecurityOptions { MaxPending = 1 });
        using var harness = new PipelineHarness(options);
        var release = new TaskCompletionSource();
        harness.Driver.HoldUntil(release.Task, DriverResult.Ack());

        byte[] slow = Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1"));
        byte[] second = Disconnect(2, S, true, UserName("b"), NasIdentifier("nas1"));
        Assert.Equal(PipelineOutcome.Dispatched, harness.Send(slow));
        Answer overloaded = harness.Exchange(second)!;
        Assert.Equal(RadiusCode.DisconnectNak, overloaded.Code);
        Assert.Equal(ErrorCause.ResourcesUnavailable, overloaded.ErrorCause);
        overloaded.AssertSigned();

        release.SetResult();
        Assert.Equal(RadiusCode.DisconnectAck, new Answer(await harness.Transport.NextAsync(), slow, S).Code);
        await EndToEnd.RadclientEndToEndTests.WaitUntilAsync(() => harness.Pipeline.Pending.Count == 0); // released right after the send
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Ack());
        Assert.Equal(RadiusCode.DisconnectAck, harness.Exchange(second)!.Code);
        Assert.Equal(["a", "b"], harness.Driver.Calls.Select(c => c.Request.Keys.UserName));
    }

    [Fact]
    public async Task Directory_Unavailable_Nak506()
    {
        var directory = new TestSessionDirectory(SessionLookupResult.Unavailable);
        using var harness = new PipelineHarness(directory: directory);
        Answer answer = await harness.ExchangeAsync(Disconnect(1, S, true, UserName("a")));
        Assert.Equal(ErrorCause.ResourcesUnavailable, answer.ErrorCause);
    }

    [Fact]
    public async Task Directory_NoSession_Nak503_UnlessTheNasRegistryMatches()
    {
        var directory = new TestSessionDirectory(new SessionLookupResult(SessionLookupStatus.Ok, []));
        using var harness = new PipelineHarness(directory: directory);
        Answer answer = await harness.ExchangeAsync(Disconnect(1, S, true, UserName("a")));
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(ErrorCause.SessionContextNotFound, answer.ErrorCause);

        Assert.Equal(RadiusCode.DisconnectAck, (await harness.ExchangeAsync(Disconnect(2, S, true, UserName("a"), NasIdentifier("nas1")))).Code);
        Assert.Equal("a", Assert.Single(harness.Driver.Calls).Request.Keys.UserName);
    }

    [Fact]
    public async Task Directory_SessionsFanOut_KeysOverlaid_FirstFailureDecides()
    {
        NasTarget nasA = TestOptions.Nas("a", "nas-a"), nasB = TestOptions.Nas("b", "nas-b");
        var directory = new TestSessionDirectory(new SessionLookupResult(SessionLookupStatus.Ok,
        [
            new ResolvedSession(nasA, new SessionKeys { AcctSessionId = "1", FramedIpAddress = IPAddress.Parse("10.0.0.1") }),
            new ResolvedSession(nasB, new SessionKeys { AcctSessionId = "2", CallingStationId = "AA-BB-CC-DD-EE-FF" }),
        ]));
        using var harness = new PipelineHarness(directory: directory);
        harness.Driver.Behaviour = (request, nas, _) => ValueTask.FromResult(nas.Name == "b"
            ? DriverResult.Nak(ErrorCause.SessionContextNotRemovable, "refused")
            : DriverResult.Ack());

        Answer answer = await harness.ExchangeAsync(Disconnect(1, S, true, UserName("alice")));
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(ErrorCause.SessionContextNotRemovable, answer.ErrorCause);
        var calls = harness.Driver.Calls.OrderBy(c => c.Nas.Name).ToArray();
        Assert.Equal(["a", "b"], calls.Select(c => c.Nas.Name));
        Assert.All(calls, c => Assert.Equal("alice", c.Request.Keys.UserName));
        Assert.Equal("1", calls[0].Request.Keys.AcctSessionId);
        Assert.Equal("10.0.0.1", calls[0].Request.Keys.FramedIpAddress?.ToString());
        Assert.Equal("AA-BB-CC-DD-EE-FF", calls[1].Request.Keys.CallingStationId);

        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Ack());
        Assert.Equal(RadiusCode.DisconnectAck, (await harness.ExchangeAsync(Disconnect(2, S, true, UserName("alice")))).Code);
    }

    [Fact]
    public async Task Metrics_AreNamedAfterTheMib_PerClientAndNas()
    {
        using var harness = new PipelineHarness();
        harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")));
        harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")));
        harness.Exchange(Coa(2, S, true, NasIdentifier("nas1")));
        harness.Exchange(Disconnect(3, "wrong", true, UserName("a")));
        harness.Exchange(Disconnect(4, S, true, UserName("a")), source: "192.0.2.50");

        string text = await harness.ExportMetricsAsync();
        Assert.Contains("radproxy_das_disconnect_requests_total{client=\"local\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_dup_disconnect_requests_total{client=\"local\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_disconnect_acks_total{client=\"local\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_coa_naks_total{client=\"local\",error_cause=\"402\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_disconnect_bad_authenticators_total{client=\"local\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_disconnect_packets_dropped_total{client=\"local\",reason=\"bad_request_authenticator\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_das_invalid_client_addresses_total 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_dac_disconnect_requests_total{nas=\"nas1\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_dac_disconnect_acks_total{nas=\"nas1\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_request_duration_seconds_count{code=\"disconnect\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_duplicate_cache_entries 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OneEventPerAnsweredRequest_WithoutSecrets()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound, "no such session"));
        byte[] request = Disconnect(5, S, true, UserName("alice"), Text(RadiusAttributeType.AcctSessionId, "s-9"), NasIdentifier("nas1"));
        harness.Exchange(request);
        harness.Exchange(request); // a replay is not a second answered request
        harness.Exchange(Disconnect(6, "wrong", true, UserName("alice"))); // dropped: no event

        Assert.True(harness.Audit.TryRead(out Audit.AuditEntry e));
        Assert.False(harness.Audit.TryRead(out _));
        Assert.Equal("local", e.Client);
        Assert.Equal(RadiusCode.DisconnectRequest, e.Code);
        Assert.Equal(5, e.Identifier);
        Assert.Equal("nas1", e.Nas);
        Assert.False(e.IsAck);
        Assert.Equal(ErrorCause.SessionContextNotFound, e.ErrorCause);
        Assert.Equal("alice", e.Keys?.UserName);
        Assert.Equal("s-9", e.Keys?.AcctSessionId);
        Assert.Equal("no such session", e.Detail);
        Assert.DoesNotContain(S, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AuditDisabled_WritesNothing()
    {
        using var harness = new PipelineHarness(TestOptions.Create() with { AuditEnabled = false });
        harness.Exchange(Disconnect(5, S, true, UserName("alice"), NasIdentifier("nas1")));
        Assert.False(harness.Audit.TryRead(out _));
    }
}
