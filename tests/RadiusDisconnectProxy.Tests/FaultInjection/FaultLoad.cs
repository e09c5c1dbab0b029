using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.FaultInjection;

/// <summary>
/// Bounded, paced load toward the real daemon for fault injection: request <c>i</c> goes out once, from socket
/// <c>i / 256</c> with Identifier <c>i % 256</c>, so every answer maps to exactly one request. Records every answer
/// (verified against the request's authenticator) with the time it was sent.
/// </summary>
internal sealed class FaultLoad : IDisposable
{
    private readonly IPEndPoint _proxy;
    private readonly SharedSecret _secret;
    private readonly Socket[] _sockets;
    private readonly byte[][] _requests;
    private readonly long[] _sentAt;
    private readonly ConcurrentDictionary<int, ConcurrentQueue<(RadiusCode Code, ErrorCause? Cause, long At)>> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _receivers;
    private long _badAnswers;

    public FaultLoad(IPEndPoint proxy, string secret, int count, Func<int, (byte Type, byte[] Value)[]> attributes, RadiusCode code = RadiusCode.DisconnectRequest)
    {
        _proxy = proxy;
        _secret = new SharedSecret(secret);
        Count = count;
        _sockets = [.. Enumerable.Range(0, (count + 255) / 256).Select(_ =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        })];
        _requests = [.. Enumerable.Range(0, count).Select(i => Build(code, (byte)(i % 256), attributes(i)))];
        _sentAt = new long[count];
        _receivers = [.. _sockets.Select((s, index) => Task.Run(() => ReceiveAsync(s, index)))];
    }

    public int Count { get; }

    public Stopwatch Clock { get; } = new();

    /// <summary>Answers that did not verify (wrong authenticator, unknown Identifier): must stay 0.</summary>
    public long BadAnswers => Interlocked.Read(ref _badAnswers);

    public static (byte, byte[]) Text(byte type, string value) => (type, Encoding.UTF8.GetBytes(value));

    /// <summary>Sends every request at <paramref name="perSecond"/>, running <paramref name="faults"/> alongside (given the clock).</summary>
    public async Task RunAsync(int perSecond, Func<Stopwatch, Task> faults)
    {
        Clock.Start();
        Task faulting = faults(Clock);
        for (int i = 0; i < Count; i++)
        {
            long due = (long)(i * 1000.0 / perSecond);
            long wait = due - Clock.ElapsedMilliseconds;
            if (wait > 0)
            {
                await Task.Delay((int)wait);
            }

            _sentAt[i] = Clock.ElapsedMilliseconds;
            await _sockets[i / 256].SendToAsync(_requests[i], SocketFlags.None, _proxy);
        }

        await faulting;
    }

    /// <summary>Sends request <paramref name="i"/> now (the readiness probe).</summary>
    public async Task RunOneAsync(int i)
    {
        Clock.Start();
        _sentAt[i] = Clock.ElapsedMilliseconds;
        await _sockets[i / 256].SendToAsync(_requests[i], SocketFlags.None, _proxy);
    }

    /// <summary>Waits until every request has an answer, or <paramref name="timeout"/>.</summary>
    public async Task WaitForAllAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_answers.Count < Count && deadline.Elapsed < timeout)
        {
            await Task.Delay(100);
        }

        // Late duplicates, if any, would arrive now.
        await Task.Delay(300);
    }

    /// <summary>Requests with no answer, and requests with more than one (answered twice).</summary>
    public (List<int> Unanswered, List<int> AnsweredTwice) Tally()
    {
        var unanswered = new List<int>();
        var twice = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            int n = _answers.TryGetValue(i, out var list) ? list.Count : 0;
            if (n == 0)
            {
                unanswered.Add(i);
            }
            else if (n > 1)
            {
                twice.Add(i);
            }
        }

        return (unanswered, twice);
    }

    /// <summary>The one answer to request <paramref name="i"/> with the time the request was sent (ms since the start).</summary>
    public (RadiusCode Code, ErrorCause? Cause, long SentAt)? AnswerTo(int i) =>
        _answers.TryGetValue(i, out var list) && list.TryPeek(out var a) ? (a.Code, a.Cause, _sentAt[i]) : null;

    public string Summary()
    {
        var counts = Enumerable.Range(0, Count).Select(AnswerTo)
            .GroupBy(a => a is null ? "none" : $"{a.Value.Code}{(a.Value.Cause is { } c ? " " + (int)c : "")}")
            .Select(g => $"{g.Key}: {g.Count()}");
        return string.Join(", ", counts);
    }

    private async Task ReceiveAsync(Socket socket, int index)
    {
        byte[] buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (!TryReadAnswer(buffer.AsSpan(0, result.ReceivedBytes), index, out int i, out RadiusCode code, out ErrorCause? cause))
            {
                Interlocked.Increment(ref _badAnswers);
                continue;
            }

            _answers.GetOrAdd(i, _ => new()).Enqueue((code, cause, Clock.ElapsedMilliseconds));
        }
    }

    // Synchronous: the packet reader is a ref struct and cannot live across the receive loop's awaits.
    private bool TryReadAnswer(ReadOnlySpan<byte> answer, int index, out int i, out RadiusCode code, out ErrorCause? cause)
    {
        i = (index * 256) + (answer.Length >= 20 ? answer[1] : 0);
        code = default;
        cause = null;
        if (answer.Length < 20 || i >= Count
            || !RadiusAuthenticator.VerifyResponseAuthenticator(answer, _requests[i].AsSpan(4, 16), _secret)
            || RadiusPacketReader.TryParse(answer, out RadiusPacketReader packet) != PacketParseError.None)
        {
            return false;
        }

        code = packet.Code;
        cause = packet.TryGetAttribute(RadiusAttributeType.ErrorCause, out ReadOnlySpan<byte> value) && value.Length == 4
            ? (ErrorCause)BinaryPrimitives.ReadUInt32BigEndian(value)
            : null;
        return true;
    }

    private byte[] Build(RadiusCode code, byte identifier, (byte Type, byte[] Value)[] attributes)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, code, identifier);
        writer.AddMessageAuthenticator();
        foreach ((byte type, byte[] value) in attributes)
        {
            writer.Add(type, value);
        }

        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), _secret);
        return buffer[..length];
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }

        Task.WaitAll(_receivers, TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
