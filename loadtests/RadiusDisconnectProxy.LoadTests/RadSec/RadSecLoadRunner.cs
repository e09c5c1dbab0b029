using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using HdrHistogram;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.LoadTests.RadSec;

/// <summary>
/// Closed-loop load over ONE RadSec connection: <c>--window</c> requests in flight (Identifiers, or RADIUS/1.1
/// Tokens), the next one sent as soon as an answer arrives. Requests come from the same <see cref="RequestBuilder"/>
/// as the UDP runs (distinct, signed with "radsec"); every answer is matched to its request and checked
/// (Response Authenticator, or Token for RADIUS/1.1). Bounded by the duration; the server's CPU comes from /proc.
/// </summary>
internal sealed class RadSecLoadRunner(LoadSettings settings, string caFile, X509Certificate2 certificate, bool radius11)
{
    public sealed record Result(long Sent, long Acks, long Naks, long Invalid, double Seconds, double AnswersPerSecond,
        double P50Ms, double P99Ms, double? ServerCpuMicrosPerRequest, double? ServerCores, double GeneratorCpuMicrosPerRequest, string Profile);

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        await using RadSecTestClient client = await RadSecTestClient.ConnectAsync(settings.Target, certificate, caFile,
            radius11 ? ["radius/1.1"] : null, cancellationToken: cancellationToken);
        if (radius11 && !client.IsRadius11)
        {
            throw new InvalidOperationException("the server did not negotiate RADIUS/1.1");
        }

        var builder = new RequestBuilder(settings.Template with { MessageAuthenticator = settings.Template.MessageAuthenticator && !radius11 },
            new SharedSecret(RadSecTestClient.Secret));
        int window = Math.Clamp(settings.Window, 1, 256);
        var inFlight = new Dictionary<uint, (byte[] Request, long SentAt)>(window);
        var histogram = new LongHistogram(TimeStamp.Seconds(60), 3);
        long sequence = 0, sent = 0, acks = 0, naks = 0, invalid = 0;
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];

        long start = Stopwatch.GetTimestamp();
        long measureStart = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        long deadline = measureStart + (long)(Math.Min(settings.Duration.TotalSeconds, LoadSettings.MaxDuration.TotalSeconds) * Stopwatch.Frequency);
        bool measuring = false;
        ProcessSample? serverBefore = null;
        ProcessSample selfBefore = default;
        long measuredAnswers = 0;

        async Task SendNextAsync(byte identifier)
        {
            int length = builder.Build(buffer, identifier, sequence++);
            byte[] request = buffer.AsSpan(0, length).ToArray();
            if (radius11)
            {
                client.Sign(request);
            }

            uint key = radius11 ? BinaryPrimitives.ReadUInt32BigEndian(request.AsSpan(4)) : request[1];
            inFlight[key] = (request, Stopwatch.GetTimestamp());
            await client.SendAsync(request, cancellationToken);
            if (measuring)
            {
                sent++;
            }
        }

        for (int i = 0; i < window; i++)
        {
            await SendNextAsync((byte)i);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (inFlight.Count > 0)
        {
            long now = Stopwatch.GetTimestamp();
            if (!measuring && now >= measureStart)
            {
                measuring = true;
                selfBefore = ProcessSample.Self();
                serverBefore = settings.TargetPid is int pid ? ProcessSample.Read(pid) : null;
                start = now;
            }

            timeout.CancelAfter(settings.Timeout);
            byte[]? answer = await client.ReceiveAsync(timeout.Token);
            if (answer is null)
            {
                throw new IOException("the server closed the connection");
            }

            long received = Stopwatch.GetTimestamp();
            uint key = radius11 ? BinaryPrimitives.ReadUInt32BigEndian(answer.AsSpan(4)) : answer[1];
            if (!inFlight.Remove(key, out (byte[] Request, long SentAt) pending) || !client.IsAnswerTo(answer, pending.Request))
            {
                invalid++;
                continue;
            }

            if (measuring)
            {
                measuredAnswers++;
                histogram.RecordValue(Math.Max(1, (received - pending.SentAt) * 1_000_000 / Stopwatch.Frequency));
                if (answer[0] == pending.Request[0] + 1)
                {
                    acks++;
                }
                else
                {
                    naks++;
                }
            }

            if (received < deadline)
            {
                await SendNextAsync(pending.Request[1]);
            }
        }

        long end = Stopwatch.GetTimestamp();
        double seconds = Math.Max(1e-3, (end - start) / (double)Stopwatch.Frequency);
        ProcessSample selfAfter = ProcessSample.Self();
        double? serverCpu = null, cores = null;
        if (serverBefore is { } before && settings.TargetPid is int targetPid)
        {
            double cpu = (ProcessSample.Read(targetPid).Cpu - before.Cpu).TotalSeconds;
            serverCpu = measuredAnswers == 0 ? null : Math.Round(cpu * 1e6 / measuredAnswers, 2);
            cores = Math.Round(cpu / seconds, 2);
        }

        double selfCpu = (selfAfter.Cpu - selfBefore.Cpu).TotalSeconds;
        return new Result(sent, acks, naks, invalid, Math.Round(seconds, 2), Math.Round(measuredAnswers / seconds),
            histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0, serverCpu, cores,
            measuredAnswers == 0 ? 0 : Math.Round(selfCpu * 1e6 / measuredAnswers, 2),
            $"{(radius11 ? "RADIUS/1.1" : "RadSec")} over {client.Protocol}");
    }
}
