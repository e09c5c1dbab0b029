using System.Threading.Channels;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Hands audit events from the request path to <see cref="AuditWriter"/> through a bounded channel, so writing
/// them never slows an answer down. A full queue loses the event (counted), it never blocks.
/// </summary>
internal sealed class AuditLog
{
    private readonly Channel<AuditEvent> _channel;
    private readonly ProxyMetrics _metrics;
    private readonly IAuditObserver? _observer;

    /// <param name="observer">The web console's feed when the console is on; null (no cost at all) when it is off.</param>
    public AuditLog(bool enabled, ProxyMetrics metrics, int capacity = 65_536, IAuditObserver? observer = null)
    {
        Enabled = enabled;
        _metrics = metrics;
        _observer = observer;
        _channel = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(capacity)
        {
            // Wait + TryWrite: TryWrite returns false when full (the Drop* modes would report success while dropping).
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public bool Enabled { get; }

    internal ChannelReader<AuditEvent> Reader => _channel.Reader;

    public void Write(AuditEvent auditEvent)
    {
        _observer?.Observe(auditEvent);
        if (Enabled && !_channel.Writer.TryWrite(auditEvent))
        {
            _metrics.AuditEventsDropped.Inc();
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
