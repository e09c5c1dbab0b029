using System.Diagnostics;
using System.Net;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Packets;
using Xunit;

namespace RadiusDisconnectProxy.Tests.Logging;

/// <summary>
/// The audit writer's batch wait: it ends as soon as the batch is full, when the log completes, or at the time limit,
/// and never loses or reorders what was queued meanwhile.
/// </summary>
public class AuditLogBatchTests
{
    private static AuditEntry Entry(byte id) =>
        new(DateTimeOffset.UnixEpoch, "c", new IPEndPoint(IPAddress.Loopback, 1), RadiusCode.DisconnectRequest, id, null, "n", true, null,
            TimeSpan.Zero, null);

    [Fact]
    public void WaitForBatch_EndsWhenTheBatchFills_LongBeforeTheTimeLimit()
    {
        var log = new AuditLog(enabled: true, new ProxyMetrics());
        log.Write(Entry(0));
        Assert.True(log.WaitToRead());
        var producer = new Thread(() =>
        {
            Thread.Sleep(50); // the writer is waiting by now
            for (byte i = 1; i < 8; i++)
            {
                log.Write(Entry(i));
            }
        });

        var watch = Stopwatch.StartNew();
        producer.Start();
        log.WaitForBatch(batch: 8, maxWaitMilliseconds: 60_000);
        watch.Stop();
        producer.Join();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"waited {watch.Elapsed} for a batch that filled after 50 ms");
        AuditEntry[] taken = log.TakeAll([], out int count);
        Assert.Equal(8, count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (byte)i), taken.Take(count).Select(e => e.Identifier));
    }

    [Fact]
    public void WaitForBatch_EndsAtTheTimeLimit_WithWhatIsQueued()
    {
        var log = new AuditLog(enabled: true, new ProxyMetrics());
        log.Write(Entry(1));
        log.Write(Entry(2));

        var watch = Stopwatch.StartNew();
        log.WaitForBatch(batch: 256, maxWaitMilliseconds: 100);
        watch.Stop();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {watch.Elapsed}, before the 100 ms limit");
        log.TakeAll([], out int count);
        Assert.Equal(2, count);
    }

    [Fact]
    public void WaitForBatch_EndsWhenTheLogCompletes()
    {
        var log = new AuditLog(enabled: true, new ProxyMetrics());
        log.Write(Entry(1));
        var completer = new Thread(() =>
        {
            Thread.Sleep(50);
            log.Complete();
        });

        var watch = Stopwatch.StartNew();
        completer.Start();
        log.WaitForBatch(batch: 256, maxWaitMilliseconds: 60_000);
        watch.Stop();
        completer.Join();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"waited {watch.Elapsed} after the log completed");
        log.TakeAll([], out int count);
        Assert.Equal(1, count);
        Assert.False(log.WaitToRead()); // completed and drained: the writer ends
    }
}
