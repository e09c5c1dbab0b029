using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Pipeline;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>The UDP listener itself: replay over the wire, dual-mode binding, bind failures, graceful stop.</summary>
public class ListenerTests
{
    private const string S = TestOptions.Secret;

    private static async Task<byte[]> ReceiveAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await client.ReceiveAsync(timeout.Token)).Buffer;
    }

    [Fact]
    public async Task Retransmission_OverTheWire_GetsByteIdenticalAnswer_DriverCalledOnce()
    {
        await using ProxyHost proxy = await ProxyHost.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] request = Disconnect(9, S, true, UserName("a"), NasIdentifier("nas1"));

        await client.SendAsync(request, proxy.EndPoint);
        byte[] first = await ReceiveAsync(client);
        await client.SendAsync(request, proxy.EndPoint);
        byte[] second = await ReceiveAsync(client);

        Assert.Equal(first, second);
        new Answer(first, request, S).AssertSigned();
        Assert.Single(proxy.Driver.Calls);
    }

    [Fact]
    public async Task IPv6Any_IsDualMode_ServingIPv4AndIPv6()
    {
        var options = TestOptions.Create() with
        {
            Listen = new ListenOptions { Addresses = [IPAddress.IPv6Any], Port = 0 },
            Clients =
            [
                new ClientOptions { Name = "v4", Networks = [IPNetwork.Parse("127.0.0.0/8")], Secret = S, Security = new SecurityOptions() },
                new ClientOptions { Name = "v6", Networks = [IPNetwork.Parse("::1/128")], Secret = S, Security = new SecurityOptions() },
            ],
        };
        await using ProxyHost proxy = await ProxyHost.StartAsync(options);
        Assert.Equal(IPAddress.IPv6Any, proxy.EndPoint.Address);

        foreach (IPAddress loopback in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new UdpClient(new IPEndPoint(loopback, 0));
            byte[] request = Disconnect(1, S, true, UserName("a"), NasIdentifier("nas1"));
            await client.SendAsync(request, new IPEndPoint(loopback, proxy.EndPoint.Port));
            Assert.Equal(RadiusCode.DisconnectAck, new Answer(await ReceiveAsync(client), request, S).Code);
        }

        Assert.Equal(["v4", "v6"], proxy.Driver.Calls.Select(c => c.Request.ClientName));
    }

    [Fact]
    public async Task PortInUse_FailsStartUpWithAClearMessage()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProxyHost.StartAsync(TestOptions.Create(port: port)));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopWhileBusy_EveryAcceptedRequestIsAnswered()
    {
        var driver = new TestDriver();
        var release = new TaskCompletionSource();
        driver.HoldUntil(release.Task, DriverResult.Ack("slow"));
        ProxyHost proxy = await ProxyHost.StartAsync(driver: driver);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        const int Count = 20;
        for (byte id = 0; id < Count; id++)
        {
            await client.SendAsync(Disconnect(id, S, true, UserName("u" + id), NasIdentifier("nas1")), proxy.EndPoint);
        }

        await RadclientEndToEndTests.WaitUntilAsync(() => driver.Calls.Count == Count);
        Task stopping = proxy.StopAsync();
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted, "StopAsync must wait for the requests in flight");

        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        var answered = new HashSet<byte>();
        for (int i = 0; i < Count; i++)
        {
            byte[] answer = await ReceiveAsync(client);
            Assert.Equal((byte)RadiusCode.DisconnectAck, answer[0]);
            answered.Add(answer[1]);
        }

        Assert.Equal(Count, answered.Count);
        await proxy.DisposeAsync();
    }

    [Fact]
    public async Task StopBeyondTheShutdownTimeout_AnswersWhatIsLeftWithNak506()
    {
        var driver = new TestDriver();
        driver.HoldUntil(new TaskCompletionSource().Task, DriverResult.Ack());
        ProxyHost proxy = await ProxyHost.StartAsync(driver: driver);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] request = Disconnect(3, S, true, UserName("a"), NasIdentifier("nas1"));
        await client.SendAsync(request, proxy.EndPoint);
        await RadclientEndToEndTests.WaitUntilAsync(() => !driver.Calls.IsEmpty);

        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await proxy.StopAsync(shutdownTimeout.Token);
        Answer answer = new(await ReceiveAsync(client), request, S);
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(Radius.Attributes.ErrorCause.ResourcesUnavailable, answer.ErrorCause);
        await proxy.DisposeAsync();
    }

    [Fact]
    public async Task AfterStop_NothingIsReceived()
    {
        ProxyHost proxy = await ProxyHost.StartAsync();
        IPEndPoint endPoint = proxy.EndPoint;
        await proxy.DisposeAsync();

        // The port is free again: the sockets were closed.
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebind.Bind(endPoint);
        Assert.Empty(proxy.Driver.Calls);
    }
}
