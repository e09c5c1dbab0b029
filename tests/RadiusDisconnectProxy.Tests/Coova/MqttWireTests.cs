using System.Text;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Mqtt.Wire;

namespace RadiusDisconnectProxy.Tests.Coova;

/// <summary>
/// The proxy's own MQTT 3.1.1 packet codec (OASIS MQTT 3.1.1 §2.2, §3.3) and the shared reply deadline. The session
/// against a real broker is covered by the mosquitto tests (CoovaDriverMosquittoTests, CoovaBrokerOutageTests).
/// </summary>
public sealed class MqttWireTests
{
    [Fact]
    public void Publish_WithATwoOctetRemainingLength_ReadsBack_EvenOneOctetPerRead()
    {
        var writer = new MqttPacketWriter();
        byte[] payload = Encoding.UTF8.GetBytes(new string('x', 300));
        writer.PublishAtLeastOnce(513, "/RD/NODE/COMMAND/RESPONSE", payload);
        byte[] packet = writer.Written.ToArray();

        // §2.2.3: 2 + 25 + 2 + 300 = 329 = 0xC9 0x02.
        Assert.Equal(new byte[] { 0x32, 0xC9, 0x02, 0x00, 25 }, packet[..5]);

        var reader = new MqttPacketReader(new TrickleStream(packet));
        Assert.True(reader.Read());
        Assert.Equal(0x32, reader.Header);
        ReadOnlySpan<byte> body = reader.Body;
        Assert.Equal(329, body.Length);
        Assert.Equal("/RD/NODE/COMMAND/RESPONSE", Encoding.UTF8.GetString(body.Slice(2, 25)));
        Assert.Equal(new byte[] { 0x02, 0x01 }, body.Slice(27, 2).ToArray());
        Assert.True(body[29..].SequenceEqual(payload));
        Assert.False(reader.Read()); // clean end between packets
    }

    [Fact]
    public void SeveralPacketsInOneRead_AreReturnedOneByOne()
    {
        var writer = new MqttPacketWriter();
        var bytes = new List<byte>();
        writer.PubAck(7);
        bytes.AddRange(writer.Written.ToArray());
        writer.PingRequest();
        bytes.AddRange(writer.Written.ToArray());
        writer.PubAck(65535);
        bytes.AddRange(writer.Written.ToArray());

        var reader = new MqttPacketReader(new MemoryStream([.. bytes]));
        Assert.True(reader.Read());
        Assert.Equal((0x40, 7), (reader.Header, (reader.Body[0] << 8) | reader.Body[1]));
        Assert.True(reader.Read());
        Assert.Equal(0xC0, reader.Header);
        Assert.Equal(0, reader.Body.Length);
        Assert.True(reader.Read());
        Assert.Equal((0x40, 65535), (reader.Header, (reader.Body[0] << 8) | reader.Body[1]));
        Assert.False(reader.Read());
    }

    [Fact]
    public void TruncatedOrMalformedPackets_AreErrors_NotHangs()
    {
        Assert.Throws<EndOfStreamException>(() => new MqttPacketReader(new MemoryStream([0x40, 0x02, 0x00])).Read());
        Assert.Throws<InvalidDataException>(() => new MqttPacketReader(new MemoryStream([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])).Read());
    }

    [Fact]
    public void Connect_CarriesCleanSessionKeepAliveAndCredentials_AndClearIsTotal()
    {
        var writer = new MqttPacketWriter();
        writer.Connect("proxy-1", "user", "secret", 15);
        byte[] packet = writer.Written.ToArray();
        Assert.Equal(0x10, packet[0]);
        // Variable header (§3.1.2): "MQTT", level 4, flags user+password+clean session, keep alive 15.
        Assert.Equal(new byte[] { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0x00, 15 }, packet[2..12]);
        Assert.Contains("secret", Encoding.UTF8.GetString(packet), StringComparison.Ordinal);

        writer.Clear();
        Assert.Equal(0, writer.Written.Length);
    }

    [Fact]
    public async Task ReplyDeadline_CompletesTheWaiterAsTimedOut_AndARemovedWaiterIsLeftAlone()
    {
        var expiring = new ReplyWaiter(Environment.TickCount64 + 50);
        var removed = new ReplyWaiter(Environment.TickCount64 + 60);
        ReplyDeadlines.Add(expiring);
        ReplyDeadlines.Add(removed);
        ReplyDeadlines.Remove(removed);

        ReplyWaitResult result = await expiring.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ReplyWaitStatus.TimedOut, result.Status);
        // Cancelled right after the result is set (a publish still waiting for its PUBACK gives up).
        Assert.True(SpinWait.SpinUntil(() => expiring.Cancellation.IsCancellationRequested, TimeSpan.FromSeconds(10)));
        await Task.Delay(200);
        Assert.False(removed.Task.IsCompleted);
    }

    /// <summary>Returns at most one octet per read, as a slow network may.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);
    }
}
