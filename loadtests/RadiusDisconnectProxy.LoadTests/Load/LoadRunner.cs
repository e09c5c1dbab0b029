using System.Diagnostics;
using HdrHistogram;
using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.LoadTests.Reporting;
using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// Runs one load run: closed loop (a window of requests in flight) or open loop (a paced rate, constant or
/// ramped), stops at the duration or request budget, then waits for the stragglers up to the timeout.
/// </summary>
internal sealed class LoadRunner(LoadSettings settings, IProgressSink progress)
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(50);

    public LoadResult Run(CancellationToken cancellationToken)
    {
        var secret = new SharedSecret(settings.Secret);
        var builder = new RequestBuilder(settings.Template, secret);
        var verifier = new ReplyVerifier(secret, settings.AcceptZeroedMessageAuthenticator);
        bool closedLoop = settings.Rate is null;
        int socketCount = settings.EffectiveSockets;
        TimeSpan duration = settings.Duration > LoadSettings.MaxDuration ? LoadSettings.MaxDuration : settings.Duration;
        long maxRequests = Math.Min(settings.MaxRequests, LoadSettings.MaxRequestsCap);

        long start = Stopwatch.GetTimestamp();
        long measureStart = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        long deadline = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var control = new RunControl(maxRequests, measureStart, closedLoop);

        var sockets = new LoadSocket[socketCount];
        for (int i = 0; i < socketCount; i++)
        {
            int slots = closedLoop ? (settings.Window / socketCount) + (i < settings.Window % socketCount ? 1 : 0) : 256;
            sockets[i] = new LoadSocket(i, settings.Target, settings.ReceiveBufferBytes, Math.Clamp(slots, 1, 256), builder, verifier, control);
            sockets[i].Start();
        }

        var collector = new IntervalCollector(sockets);
        var accounting = new ProcessAccounting(settings);
        bool measuring = settings.Warmup <= TimeSpan.Zero;
        if (measuring)
        {
            accounting.Begin();
        }

        Thread? pacer = null;
        if (closedLoop)
        {
            foreach (LoadSocket socket in sockets)
            {
                socket.FillWindow();
            }
        }
        else
        {
            pacer = new Thread(() => Pace(sockets, control, start, deadline)) { IsBackground = true, Name = "rdp-load-pacer" };
            pacer.Start();
        }

        long timeoutTicks = (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency);
        long nextSample = measureStart + Stopwatch.Frequency;
        long stopIssuingAt = deadline;
        bool draining = false;
        while (true)
        {
            Thread.Sleep(s_tick);
            long now = Stopwatch.GetTimestamp();
            foreach (LoadSocket socket in sockets)
            {
                socket.ScanTimeouts(now, timeoutTicks);
            }

            if (!measuring && now >= measureStart)
            {
                measuring = true;
                accounting.Begin();
                collector.Discard();
            }

            if (measuring && now >= nextSample)
            {
                IntervalRow row = collector.Sample(Elapsed(measureStart, now));
                progress.Report(row, collector.Totals(), sockets.Sum(s => s.InFlight));
                nextSample += Stopwatch.Frequency;
            }

            if (!draining && (now >= deadline || control.StopIssuing || cancellationToken.IsCancellationRequested))
            {
                control.Stop();
                draining = true;
                stopIssuingAt = Math.Min(now, deadline);
            }

            if (draining && (sockets.All(s => s.InFlight == 0) || now - stopIssuingAt > timeoutTicks))
            {
                break;
            }
        }

        double measuredSeconds = Math.Max(1e-3, Elapsed(measureStart, stopIssuingAt));
        long end = Stopwatch.GetTimestamp();
        foreach (LoadSocket socket in sockets)
        {
            socket.ScanTimeouts(end, timeoutTicks, giveUpAll: true);
        }

        pacer?.Join();
        IntervalRow last = collector.Sample(Elapsed(measureStart, end));
        progress.Report(last, collector.Totals(), 0);
        accounting.End(collector.Totals().Answered, measuredSeconds);
        int granted = sockets[0].GrantedReceiveBuffer;
        foreach (LoadSocket socket in sockets)
        {
            socket.Dispose();
        }

        return new LoadResult
        {
            Name = settings.Name,
            Mode = closedLoop
                ? $"closed loop, {settings.Window} in flight"
                : settings.RateTo is { } to ? $"open loop, {settings.Rate:0}→{to:0} req/s" : $"open loop, {settings.Rate:0} req/s",
            Target = settings.Target.ToString(),
            StartedUtc = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(Elapsed(start, end)),
            MeasuredSeconds = Math.Round(measuredSeconds, 3),
            Sockets = socketCount,
            Window = closedLoop ? settings.Window : socketCount * 256,
            Totals = collector.Totals(),
            Latency = LatencySummary.From(collector.Total),
            Intervals = collector.Rows,
            Server = accounting.Server,
            Generator = accounting.Generator!,
            Others = accounting.Others,
            RmemMax = KernelSettings.RmemMax,
            GrantedReceiveBufferBytes = granted,
        };
    }

    private void Pace(LoadSocket[] sockets, RunControl control, long start, long deadline)
    {
        double from = settings.Rate!.Value;
        double to = settings.RateTo ?? from;
        double span = Math.Max(1e-9, (deadline - start) / (double)Stopwatch.Frequency);
        long sent = 0;
        int next = 0;
        while (!control.StopIssuing)
        {
            double t = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            // Requests due by t under a linear ramp: the integral of the rate from 0 to t.
            double clamped = Math.Min(t, span);
            long due = (long)((from * clamped) + ((to - from) * clamped * clamped / (2 * span)) + (to * Math.Max(0, t - span)));
            while (sent < due && !control.StopIssuing)
            {
                sockets[next].TrySendOne();
                next = next + 1 == sockets.Length ? 0 : next + 1;
                sent++;
            }

            Thread.Sleep(1);
        }
    }

    private static double Elapsed(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
