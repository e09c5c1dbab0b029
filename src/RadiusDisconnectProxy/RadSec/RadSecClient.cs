using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// A <c>client … { proto = tls }</c> entry: the pipeline's client, its subject rule and its open connections. One object
/// per client name for the life of the daemon: a SIGHUP reload updates it in place (<see cref="Update"/>), so its
/// connection count and its open connections carry over, and each packet reads the current <see cref="Client"/>.
/// </summary>
internal sealed class RadSecClient(RadiusClient client, string? subject, int maxConnections, Prometheus.Gauge.Child connectionGauge)
{
    private volatile RadiusClient _client = client;
    private volatile string? _subject = subject;
    private volatile int _maxConnections = maxConnections;
    private int _connections;

    /// <summary>The pipeline's client for the next packet (a reload swaps it only when the entry changed).</summary>
    public RadiusClient Client => _client;

    public string Name => Client.Name;

    /// <summary>The normalised DN the certificate must carry; null = any certificate from ca_file.</summary>
    public string? Subject => _subject;

    public int MaxConnections => _maxConnections;

    /// <summary>A reload's new entry for this name (docs/radsec.md, "Reload").</summary>
    public void Update(RadiusClient client, string? subject, int maxConnections)
    {
        _client = client;
        _subject = subject;
        _maxConnections = maxConnections;
    }

    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _connections) > _maxConnections)
        {
            Interlocked.Decrement(ref _connections);
            return false;
        }

        connectionGauge.Inc();
        return true;
    }

    public void Close()
    {
        Interlocked.Decrement(ref _connections);
        connectionGauge.Dec();
    }
}
