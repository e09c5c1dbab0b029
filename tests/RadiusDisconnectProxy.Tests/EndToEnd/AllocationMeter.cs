using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Packets;
using Xunit;
using Xunit.Abstractions;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>
/// The measurement both allocation tests make: the first <c>warmup</c> requests go one at a time to the proxy and back,
/// then the rest, and the bytes the whole process allocated during the rest are divided by their number. Every request
/// must be ACKed (Disconnect-ACK or CoA-ACK to its own Identifier). Counts bytes, never time.
/// </summary>
internal static class AllocationMeter
{
    public static void AssertBytesPerRequest(ITestOutputHelper output, string path, EndPoint proxy, byte[][] requests, int warmup,
        int receiveTimeoutMs, long maxBytesPerRequest)
    {
        int measured = requests.Length - warmup;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        client.Connect(proxy);
        client.ReceiveTimeout = receiveTimeoutMs;
        byte[] answer = new byte[RadiusPacketLimits.MaxPacketLength];

        int acks = RoundTrips(client, requests.AsSpan(0, warmup), answer);
        Assert.Equal(warmup, acks);

        using AllocationSampler? sampler = AllocationSampler.Enabled ? new AllocationSampler() : null;
        sampler?.Start();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        acks = RoundTrips(client, requests.AsSpan(warmup), answer);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(measured, acks);
        long perRequest = allocated / measured;
        sampler?.Stop();
        output.WriteLine($"{perRequest} B per request ({allocated} B for {measured})");
        foreach (string line in sampler?.Report() ?? [])
        {
            output.WriteLine(line);
        }

        Assert.True(perRequest <= maxBytesPerRequest,
            $"the {path} path allocated {perRequest} B per request ({allocated} B for {measured}); bound {maxBytesPerRequest} B");
    }

    private static int RoundTrips(Socket client, ReadOnlySpan<byte[]> requests, byte[] answer)
    {
        int acks = 0;
        foreach (byte[] request in requests)
        {
            client.Send(request, SocketFlags.None);
            int length = client.Receive(answer, SocketFlags.None);
            byte expected = request[0] == (byte)RadiusCode.CoaRequest ? (byte)RadiusCode.CoaAck : (byte)RadiusCode.DisconnectAck;
            if (length >= RadiusPacketLimits.HeaderLength && answer[0] == expected && answer[1] == request[1])
            {
                acks++;
            }
        }

        return acks;
    }
}
