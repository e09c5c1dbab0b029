using System.Net;
using System.Threading.Channels;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>Captures what the pipeline sends, in order.</summary>
internal sealed class RecordingTransport : IAnswerTransport
{
    private readonly Channel<(byte[] Answer, IPEndPoint To)> _sent = Channel.CreateUnbounded<(byte[], IPEndPoint)>();

    public int Count { get; private set; }

    public void Send(ReadOnlySpan<byte> answer, SocketAddress destination)
    {
        Count++;
        var to = (IPEndPoint)new IPEndPoint(destination.Family == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(destination);
        _sent.Writer.TryWrite((answer.ToArray(), to));
    }

    public bool TryTake(out byte[] answer)
    {
        bool found = _sent.Reader.TryRead(out (byte[] Answer, IPEndPoint To) item);
        answer = item.Answer;
        return found;
    }

    public async Task<byte[]> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await _sent.Reader.ReadAsync(timeout.Token)).Answer;
    }
}
