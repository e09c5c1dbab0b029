using System.Diagnostics.Tracing;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>
/// With <c>RDP_ALLOCATION_SAMPLES=1</c>, the allocation tests also list which types their path allocates: the runtime's
/// GCAllocationTick events (one about every 100 KB allocated, naming the type that crossed the mark), counted per type.
/// A diagnostic for finding what to remove next (loadtests/README.md, "Slow-path allocation"); it decides nothing.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile bool _recording;

    public static bool Enabled => Environment.GetEnvironmentVariable("RDP_ALLOCATION_SAMPLES") == "1";

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>The sampled types, most bytes first (each sample stands for about 100 KB of its kind).</summary>
    public IEnumerable<string> Report(int top = 40)
    {
        lock (_lock)
        {
            long total = _bytesByType.Values.Sum();
            return _bytesByType.OrderByDescending(p => p.Value).Take(top)
                .Select(p => $"{p.Value * 100.0 / Math.Max(total, 1),5:0.0} %  {p.Key}").ToList();
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || eventData.Payload is null)
        {
            return;
        }

        string type = eventData.Payload[typeIndex] as string ?? "?";
        long amount = amountIndex >= 0 && eventData.Payload[amountIndex] is ulong a ? (long)a : 100_000;
        lock (_lock)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
