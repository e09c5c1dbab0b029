using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>The answers the pipeline decides itself (DESIGN.md §6) and how driver results become answers.</summary>
public class RequestPipelineAnswerTests
{
    private const string S = TestOptions.Secret;

    [Fact]
    public void DisconnectWithServiceType_Nak401()
    {
        using var harness = new PipelineHarness();
        Answer answer = harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1"), UInt32(RadiusAttributeType.ServiceType, 17)))!;
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(ErrorCause.UnsupportedAttribute, answer.ErrorCause);
        answer.AssertSigned();
        Assert.Empty(harness.Driver.Calls);
    }

    [Theory]
    [InlineData(RadiusCode.DisconnectRequest, RadiusCode.DisconnectNak)]
    [InlineData(RadiusCode.CoaRequest, RadiusCode.CoaNak)]
    public void NoSessionIdentification_Nak402(RadiusCode code, RadiusCode expected)
    {
        using var harness = new PipelineHarness();
        Answer answer = harness.Exchange(Request(code, 1, S, true, NasIdentifier("nas1")))!;
        Assert.Equal(expected, answer.Code);
        Assert.Equal(ErrorCause.MissingAttribute, answer.ErrorCause);
        Assert.Empty(harness.Driver.Calls);
    }

    [Fact]
    public void NoMatchingNas_Nak502()
    {
        using var harness = new PipelineHarness();
        Answer answer = harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nobody"), Address(RadiusAttributeType.NasIpAddress, "192.0.2.200")))!;
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(ErrorCause.RequestNotRoutable, answer.ErrorCause);
    }

    [Fact]
    public void NasMatchedByAddress()
    {
        using var harness = new PipelineHarness();
        Answer answer = harness.Exchange(Disconnect(1, S, true, UserName("a"), Address(RadiusAttributeType.NasIpAddress, "192.0.2.1")))!;
        Assert.Equal(RadiusCode.DisconnectAck, answer.Code);
    }

    [Fact]
    public void NasTypeWithoutDriver_Nak502()
    {
        var options = TestOptions.Create(nases: [TestOptions.Nas(type: "Mikrotik-API")]);
        using var harness = new PipelineHarness(options);
        Assert.Equal(ErrorCause.RequestNotRoutable, harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCause);
    }

    [Fact]
    public void AuthorizeOnlyCoaTowardANonRadiusNas_Nak405()
    {
        using var harness = new PipelineHarness();
        Answer answer = harness.Exchange(Coa(1, S, true, UserName("a"), NasIdentifier("nas1"), UInt32(RadiusAttributeType.ServiceType, 17),
            Raw(RadiusAttributeType.State, 1, 2, 3)))!;
        Assert.Equal(RadiusCode.CoaNak, answer.Code);
        Assert.Equal(ErrorCause.UnsupportedService, answer.ErrorCause);
        Assert.Empty(harness.Driver.Calls);
    }

    /// <summary>
    /// Authorize-Only is checked once, by the executor, from the type's capabilities: a Mikrotik-API or CoovaMeshdesk NAS
    /// (which cannot ask back) gets NAK 405 and its driver is never called (these were driver tests before).
    /// </summary>
    [Theory]
    [InlineData(MikrotikNasType.TypeName)]
    [InlineData(CoovaNasType.TypeName)]
    public void AuthorizeOnlyCoa_TowardATypeWithoutTheCapability_Nak405_WithoutCallingItsDriver(string type)
    {
        using var harness = new PipelineHarness(TestOptions.Create(nases: [TestOptions.Nas(type: type)]), new TestDriver(type));
        Answer answer = harness.Exchange(Coa(1, S, true, UserName("alice"), NasIdentifier("nas1"), UInt32(RadiusAttributeType.ServiceType, 17),
            Raw(RadiusAttributeType.State, 1, 2, 3)))!;
        Assert.Equal(RadiusCode.CoaNak, answer.Code);
        Assert.Equal(ErrorCause.UnsupportedService, answer.ErrorCause);
        Assert.Empty(harness.Driver.Calls);
    }

    [Fact]
    public void DriverNak_IsAnsweredWithItsErrorCause()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound));
        Answer answer = harness.Exchange(Coa(1, S, true, UserName("a"), NasIdentifier("nas1")))!;
        Assert.Equal(RadiusCode.CoaNak, answer.Code);
        Assert.Equal([ErrorCause.SessionContextNotFound], answer.ErrorCauses);
    }

    [Fact]
    public void ErrorCauseDiscipline_WrongRangesAreLeftOut()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Ack() with { ErrorCause = ErrorCause.SessionContextNotFound });
        Assert.Empty(harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCauses);

        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Ack() with { ErrorCause = ErrorCause.ResidualSessionContextRemoved });
        Assert.Equal([ErrorCause.ResidualSessionContextRemoved], harness.Exchange(Disconnect(2, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCauses);
        Assert.Empty(harness.Exchange(Coa(3, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCauses);

        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotRemovable));
        Assert.Equal([ErrorCause.SessionContextNotRemovable], harness.Exchange(Disconnect(4, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCauses);
        Assert.Empty(harness.Exchange(Coa(5, S, true, UserName("a"), NasIdentifier("nas1")))!.ErrorCauses);
    }

    [Fact]
    public void RelayedAttributes_AreCopiedVerbatim_ThenProxyStatesInOrder()
    {
        using var harness = new PipelineHarness();
        byte[] relayed = [101, 6, 0, 0, 1, 247, 55, 6, 0x5f, 0x5e, 0x10, 0x00]; // Error-Cause 503, Event-Timestamp
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(new DriverResult { IsAck = false, RelayedAttributes = relayed });
        Answer answer = harness.Exchange(Disconnect(1, S, true, ProxyState(1), UserName("a"), ProxyState(2, 2), NasIdentifier("nas1"), ProxyState(3)))!;
        answer.AssertSigned();
        Assert.Equal([80, 101, 55, 33, 33, 33], answer.AttributeTypes);
        Assert.Equal(relayed, answer.Bytes[(20 + 18)..(20 + 18 + relayed.Length)]);
        Assert.Equal([[1], [2, 2], [3]], answer.ProxyStates);
    }

    [Fact]
    public void RelayedAttributesThatDoNotFitNextToTheProxyStates_FallBackToTheErrorCause()
    {
        using var harness = new PipelineHarness();
        byte[] relayed = [.. Enumerable.Range(0, 16).SelectMany(_ => (byte[])[18, 255, .. new byte[253]])]; // 16 Reply-Messages
        harness.Driver.Behaviour = (_, _, _) => ValueTask.FromResult(DriverResult.Nak(ErrorCause.SessionContextNotFound) with { RelayedAttributes = relayed });
        byte[] bigState = new byte[200];
        Answer answer = harness.Exchange(Disconnect(1, S, true, ProxyState(bigState), UserName("a"), NasIdentifier("nas1")))!;
        answer.AssertSigned();
        Assert.Equal([80, 101, 33], answer.AttributeTypes);
        Assert.Equal(ErrorCause.SessionContextNotFound, answer.ErrorCause);
        Assert.Equal(bigState, Assert.Single(answer.ProxyStates));
    }

    [Fact]
    public void ProxyStates_AreEchoedInOrder_InEveryKindOfAnswer()
    {
        using var harness = new PipelineHarness();
        Answer ack = harness.Exchange(Disconnect(1, S, true, ProxyState(9), UserName("a"), NasIdentifier("nas1"), ProxyState(8, 7)))!;
        Assert.Equal([[9], [8, 7]], ack.ProxyStates);
        Answer nak = harness.Exchange(Disconnect(2, S, true, ProxyState(5), NasIdentifier("nas1"), ProxyState(4)))!;
        Assert.Equal(ErrorCause.MissingAttribute, nak.ErrorCause);
        Assert.Equal([[5], [4]], nak.ProxyStates);
        Assert.Equal([80, 101, 33, 33], nak.AttributeTypes);
    }

    [Fact]
    public void ResponseMessageAuthenticatorNo_AnswersWithoutOne()
    {
        var options = TestOptions.Create(new SecurityOptions { ResponseMessageAuthenticator = false });
        using var harness = new PipelineHarness(options);
        Answer answer = harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")))!;
        Assert.True(answer.ResponseAuthenticatorValid);
        Assert.Equal(Radius.Crypto.MessageAuthenticatorStatus.Absent, answer.MessageAuthenticator);
    }

    [Fact]
    public async Task DriverThrows_Nak506()
    {
        using var harness = new PipelineHarness();
        harness.Driver.Behaviour = (_, _, _) => throw new InvalidOperationException("driver bug");
        Answer answer = harness.Exchange(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")))!;
        Assert.Equal(ErrorCause.ResourcesUnavailable, answer.ErrorCause);

        harness.Driver.Behaviour = async (_, _, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async driver bug");
        };
        Assert.Equal(ErrorCause.ResourcesUnavailable, (await harness.ExchangeAsync(Disconnect(2, S, true, UserName("a"), NasIdentifier("nas1")))).ErrorCause);
    }

    [Fact]
    public async Task DriverPastItsDeadline_Nak506()
    {
        using var harness = new PipelineHarness(tune: o => o.DriverTimeout = TimeSpan.FromMilliseconds(200));
        harness.Driver.HoldUntil(new TaskCompletionSource().Task, DriverResult.Ack());
        Answer answer = await harness.ExchangeAsync(Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1")));
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(ErrorCause.ResourcesUnavailable, answer.ErrorCause);

        // A driver that ignores its cancellation token is not waited for either.
        harness.Driver.Behaviour = (_, _, _) => new ValueTask<DriverResult>(new TaskCompletionSource<DriverResult>().Task);
        Assert.Equal(ErrorCause.ResourcesUnavailable, (await harness.ExchangeAsync(Disconnect(2, S, true, UserName("a"), NasIdentifier("nas1")))).ErrorCause);
    }
}
