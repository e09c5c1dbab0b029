using System.Net;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// The audit trail per answered request (docs/load-testing.md, "One proxy thread"): queueing the event on the request
/// path, and rendering it to its UTF-8 line on the audit thread in each layout. Both are expected at 0 B per event.
/// </summary>
[MemoryDiagnoser]
public class AuditLineBenchmarks
{
    private readonly AuditLog _log = new(enabled: true, new ProxyMetrics());
    private readonly AuditEntry[] _batch = new AuditEntry[1];
    private AuditLineRenderer _renderer = null!;
    private AuditEntry _entry;

    /// <summary>The JSON layout (<c>log { format = json }</c>) or the text one.</summary>
    [Params(false, true)]
    public bool Json { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new AuditLineRenderer(Json ? AuditLineLayout.Json : AuditLineLayout.Text);
        _entry = new AuditEntry(DateTimeOffset.UtcNow, "bench", new IPEndPoint(IPAddress.Loopback, 40_000), RadiusCode.DisconnectRequest, 7,
            new SessionKeys { UserName = "user0149998@example.net", AcctSessionId = "sess-0000149998", CallingStationId = "02-00-00-02-49-EE" },
            "nas1", true, null, TimeSpan.FromTicks(1_480), "NAS answered ACK");
    }

    [Benchmark(Description = "queue on the request path, take on the audit thread")]
    public int QueueAndTake()
    {
        _log.Write(_entry);
        return _log.TryReadBatch(_batch);
    }

    [Benchmark(Description = "render one line")]
    public int Render()
    {
        _renderer.Lines.Clear();
        _renderer.Append(_entry);
        return _renderer.Lines.Length;
    }
}
