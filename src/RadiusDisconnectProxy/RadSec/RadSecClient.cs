using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>A <c>client … { proto = tls }</c> entry: the pipeline's client, its subject rule and its open connections.</summary>
internal sealed class RadSecClient(RadiusClient client, string? subject, int maxConnections, Prometheus.Gauge.Child connectionGauge)
{
    private int _connections;

    public RadiusClient Client { get; } = client;

    public string Name => Client.Name;

    /// <summary>The normalised DN the certificate must carry; null = any certificate from ca_file.</summary>
    public string? Subject { get; } = subject;

    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _connections) > maxConnections)
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
