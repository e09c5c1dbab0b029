using System.Buffers.Binary;
using System.Text;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Nas;

namespace RadiusDisconnectProxy.Tests.Forwarding;

public sealed class ForwardingDriverTests
{
    [Fact]
    public void Driver_ServesTypeOther()
    {
        var driver = new ForwardingDriver(null!);
        Assert.Equal("other", driver.Type);
    }

    [Theory]
    [InlineData(RadiusCode.DisconnectRequest)]
    [InlineData(RadiusCode.CoaRequest)]
    public async Task Ack_IsRelayed(RadiusCode code)
    {
        await using var harness = ForwardingHarness.Start();

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create(code));

        Assert.True(result.IsAck);
        Assert.NotNull(result.RelayedAttributes);
        Assert.Empty(result.RelayedAttributes);
        Assert.Null(result.ErrorCause);
        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.Equal(code, received.Code);
        Assert.Equal("alice", received.UserName);
        Assert.Equal(code == RadiusCode.DisconnectRequest ? 1 : 0, harness.Statistics.DisconAcks);
        Assert.Equal(code == RadiusCode.CoaRequest ? 1 : 0, harness.Statistics.CoAAcks);
    }

    [Fact]
    public async Task Nak_IsRelayedWithItsErrorCause()
    {
        await using var harness = ForwardingHarness.Start(new NasSimulatorBehavior { NakErrorCause = ErrorCause.SessionContextNotFound });

        DriverResult result = await harness.ExecuteAsync(ForwardingRequests.Create());

        Assert.False(result.IsAck);
        KeyValuePair<byte, byte[]> attribute = Assert.Single(ForwardingRequests.ParseAttributes(result.RelayedAttributes));
        Assert.Equal(RadiusAttributeType.ErrorCause, attribute.Key);
        Assert.Equal(503u, BinaryPrimitives.ReadUInt32BigEndian(attribute.Value));
        Assert.Null(result.ErrorCause);
        Assert.Contains("503", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, harness.Statistics.DisconNaks);
    }

    [Fact]
    public async Task Request_IsANewPacketSignedWithTheNasSecret_MessageAuthenticatorFirst()
    {
        await using var harness = ForwardingHarness.Start();
        DynamicAuthorizationRequest request = ForwardingRequests.Create(identifier: 196);

        await harness.ExecuteAsync(request);

        // The simulator accepted it, so Request Authenticator and Message-Authenticator verify with the NAS secret.
        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.Equal(0, harness.Nas.BadAuthenticatorCount);
        Assert.True(received.HasMessageAuthenticator);
        Assert.True(received.MessageAuthenticatorFirst);
        Assert.Equal(1, received.Attributes.Count(a => a.Key == RadiusAttributeType.MessageAuthenticator));
        Assert.False(RadiusAuthenticator.VerifyRequestAuthenticator(received.Bytes, ForwardingRequests.ClientSharedSecret));
    }

    [Fact]
    public async Task Request_WithoutClientMessageAuthenticator_StillGetsOne()
    {
        await using var harness = ForwardingHarness.Start();

        await harness.ExecuteAsync(ForwardingRequests.Create(clientMessageAuthenticator: false));

        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.True(received.MessageAuthenticatorFirst);
    }

    [Fact]
    public async Task Request_KeepsEveryAttributeInOrder_EventTimestampUnchanged()
    {
        await using var harness = ForwardingHarness.Start();
        DynamicAuthorizationRequest request = ForwardingRequests.Create(
            RadiusCode.CoaRequest,
            extra: static (ref RadiusPacketWriter w) =>
            {
                w.AddString(RadiusAttributeType.Class, "c1");
                w.AddVendorString(VendorIds.Mikrotik, 8, "2M/4M");
                w.AddString(RadiusAttributeType.Class, "c2");
                w.AddString(RadiusAttributeType.State, "st");
            });

        await harness.ExecuteAsync(request);

        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        var expected = new List<KeyValuePair<byte, byte[]>>();
        RadiusPacketReader.TryParse(request.Packet.Span, out RadiusPacketReader original);
        foreach (RadiusAttributeView attribute in original)
        {
            if (attribute.Type != RadiusAttributeType.MessageAuthenticator)
            {
                expected.Add(new(attribute.Type, attribute.Value.ToArray()));
            }
        }

        // Fresh MA first, then the client's attributes verbatim, then our one Proxy-State.
        List<KeyValuePair<byte, byte[]>> forwarded = [.. received.Attributes.Skip(1).SkipLast(1)];
        Assert.Equal(expected.Select(a => a.Key), forwarded.Select(a => a.Key));
        Assert.Equal(expected.Select(a => Convert.ToHexString(a.Value)), forwarded.Select(a => Convert.ToHexString(a.Value)));
        Assert.Equal(RadiusAttributeType.ProxyState, received.Attributes[^1].Key);
        Assert.Equal(1_764_000_000u, BinaryPrimitives.ReadUInt32BigEndian(received.EventTimestamp));
    }

    [Fact]
    public async Task ProxyState_OneAppendedAfterTheClients_AndNoneRelayedBack()
    {
        await using var harness = ForwardingHarness.Start();
        DynamicAuthorizationRequest request = ForwardingRequests.Create(
            identifier: 42,
            extra: static (ref RadiusPacketWriter w) =>
            {
                w.AddString(RadiusAttributeType.ProxyState, "part1");
                w.AddString(RadiusAttributeType.ProxyState, "part2");
            });

        DriverResult result = await harness.ExecuteAsync(request);

        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.Equal(["part1", "part2", "42"], received.ProxyStates.Select(v => Encoding.ASCII.GetString(v)));
        Assert.Equal(RadiusAttributeType.ProxyState, received.Attributes[^1].Key);
        Assert.True(result.IsAck);
        Assert.DoesNotContain(ForwardingRequests.ParseAttributes(result.RelayedAttributes), a => a.Key == RadiusAttributeType.ProxyState);
    }

    [Fact]
    public async Task StripProxyState_SendsNone_AndRelaysNone()
    {
        await using var harness = ForwardingHarness.Start(
            new NasSimulatorBehavior { NakErrorCause = ErrorCause.SessionContextNotFound }, stripProxyState: true);
        DynamicAuthorizationRequest request = ForwardingRequests.Create(
            extra: static (ref RadiusPacketWriter w) => w.AddString(RadiusAttributeType.ProxyState, "part1"));

        DriverResult result = await harness.ExecuteAsync(request);

        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.Empty(received.ProxyStates);
        List<KeyValuePair<byte, byte[]>> relayed = ForwardingRequests.ParseAttributes(result.RelayedAttributes);
        Assert.Equal([RadiusAttributeType.ErrorCause], relayed.Select(a => a.Key));
    }

    [Fact]
    public async Task TunnelPassword_IsReEncryptedWithTheNasSecret()
    {
        await using var harness = ForwardingHarness.Start();
        DynamicAuthorizationRequest request = ForwardingRequests.Create(
            RadiusCode.CoaRequest,
            extra: static (ref RadiusPacketWriter w) => ForwardingRequests.AddTunnelPassword(ref w, "s3cret-tunnel-password-over-16"));

        DriverResult result = await harness.ExecuteAsync(request);

        Assert.True(result.IsAck);
        NasReceivedPacket received = Assert.Single(harness.Nas.Received);
        Assert.False(received.TunnelPasswordUndecryptable);
        Assert.Equal("s3cret-tunnel-password-over-16", received.TunnelPassword);
    }

    [Fact]
    public async Task AnswersToManyRequests_AreMatchedToTheirRequests()
    {
        await using var harness = ForwardingHarness.Start(
            new NasSimulatorBehavior { EchoTypes = [RadiusAttributeType.State], Record = false }, timers: RetransmissionTimers.Default);

        await RunConcurrentAsync(harness, 64);

        Assert.Equal(64, harness.Statistics.CoAAcks);
    }

    /// <summary>Sends <paramref name="count"/> CoA-Requests at once, each with its own State, and checks each answer carries its own.</summary>
    internal static async Task RunConcurrentAsync(ForwardingHarness harness, int count)
    {
        var tasks = new Task<DriverResult>[count];
        for (int i = 0; i < count; i++)
        {
            string state = "state-" + i;
            DynamicAuthorizationRequest request = ForwardingRequests.Create(
                RadiusCode.CoaRequest,
                identifier: (byte)i,
                userName: "user" + i,
                extra: (ref RadiusPacketWriter w) => w.AddString(RadiusAttributeType.State, state));
            tasks[i] = harness.ExecuteAsync(request).AsTask();
        }

        DriverResult[] results = await Task.WhenAll(tasks);
        for (int i = 0; i < count; i++)
        {
            Assert.True(results[i].IsAck, $"request {i}: {results[i].Detail}");
            KeyValuePair<byte, byte[]> state = Assert.Single(ForwardingRequests.ParseAttributes(results[i].RelayedAttributes));
            Assert.Equal("state-" + i, Encoding.ASCII.GetString(state.Value));
        }
    }
}
