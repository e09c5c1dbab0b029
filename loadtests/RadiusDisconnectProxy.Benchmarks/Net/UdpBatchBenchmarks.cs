using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Net;

namespace RadiusDisconnectProxy.Benchmarks.Net;

/// <summary>
/// The batched UDP hot path on loopback: 32 RADIUS-sized datagrams queued on a receive-loop thread's
/// <see cref="SendBatch"/> and sent in one <c>sendmmsg</c>, then taken by <see cref="ReceiveBatch"/> in <c>recvmmsg</c>
/// calls with their source addresses copied into a reused <see cref="SocketAddress"/>; and the same 32 one <c>sendto</c> /
/// <c>recvfrom</c> at a time for comparison. Expected: 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class UdpBatchBenchmarks : ISendErrorSink
{
    private const int Datagrams = 32;
    private readonly byte[] _datagram = new byte[90];
    private readonly byte[] _receiveBuffer = new byte[4096];
    private Socket _sender = null!;
    private Socket _receiver = null!;
    private SocketAddress _destination = null!;
    private SocketAddress _source = null!;
    private SendBatch _sends = null!;
    private ReceiveBatch _receives = null!;

    [GlobalSetup]
    public void Setup()
    {
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _destination = _receiver.LocalEndPoint!.Serialize();
        _source = new SocketAddress(AddressFamily.InterNetwork);
        _sends = new SendBatch(Datagrams, 4096);
        _receives = new ReceiveBatch(Datagrams, 4096, addresses: true, AddressFamily.InterNetwork);
        _datagram[0] = 40;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark(Description = "32 datagrams: sendmmsg + recvmmsg", OperationsPerInvoke = Datagrams)]
    public int Batched()
    {
        _sends.Begin();
        for (int i = 0; i < Datagrams; i++)
        {
            SendBatch.Send(_sender, _datagram, _destination, this);
        }

        _sends.Flush();
        int received = 0;
        while (received < Datagrams)
        {
            int count = _receives.Receive(_receiver, out _);
            for (int i = 0; i < count; i++)
            {
                _receives.CopySource(i, _source);
                received += _receives.Datagram(i).Length > 0 ? 1 : 0;
            }
        }

        return received;
    }

    [Benchmark(Baseline = true, Description = "32 datagrams: sendto + recvfrom each", OperationsPerInvoke = Datagrams)]
    public int OneAtATime()
    {
        int received = 0;
        for (int i = 0; i < Datagrams; i++)
        {
            _sender.SendTo(_datagram, SocketFlags.None, _destination);
            received += _receiver.ReceiveFrom(_receiveBuffer, SocketFlags.None, _source) > 0 ? 1 : 0;
        }

        return received;
    }

    public void OnSendError(SocketError error) => throw new SocketException((int)error);
}
