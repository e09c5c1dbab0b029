using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The RadSec clients, found by a connection's remote address (most specific prefix first), before the TLS handshake:
/// an address that is no <c>proto = tls</c> client never gets one (RFC 6614 §2.4: the server decides who may connect).
/// The table is an immutable snapshot that a SIGHUP reload swaps whole (<see cref="Replace"/>); a client whose name
/// stays keeps its <see cref="RadSecClient"/>, and its <see cref="RadiusClient"/> too when the entry did not change.
/// </summary>
internal sealed class RadSecClients
{
    private readonly ProxyMetrics _metrics;
    private readonly RadSecMetrics _radSecMetrics;
    private volatile Snapshot _current;

    public RadSecClients(ProxyOptions options, ProxyMetrics metrics, RadSecMetrics radSecMetrics)
    {
        _metrics = metrics;
        _radSecMetrics = radSecMetrics;
        _current = Build(options.Clients, options.ListenTls?.MaxConnectionsPerClient ?? 1, previous: null, generation: 0);
    }

    /// <summary>Incremented by every <see cref="Replace"/>: a connection accepted under an older table is reviewed.</summary>
    public int Generation => _current.Generation;

    public IReadOnlyList<RadSecClient> Clients => _current.Clients;

    public RadSecClient? Find(UInt128 address)
    {
        foreach ((ClientNetwork network, RadSecClient client) in _current.ByPrefix)
        {
            if (network.Contains(address))
            {
                return client;
            }
        }

        return null;
    }

    /// <summary>Installs a reload's client list (only the <c>proto = tls</c> entries are used).</summary>
    public void Replace(IReadOnlyList<ClientOptions> clients, int maxConnectionsPerClient)
    {
        Snapshot previous = _current;
        _current = Build(clients, maxConnectionsPerClient, previous, previous.Generation + 1);
    }

    private Snapshot Build(IReadOnlyList<ClientOptions> clients, int max, Snapshot? previous, int generation)
    {
        var built = new List<RadSecClient>();
        foreach (ClientOptions entry in clients.Where(c => c.Proto == ClientProto.Tls))
        {
            RadSecClient? kept = previous?.Clients.FirstOrDefault(p => p.Name == entry.Name);
            if (kept is null)
            {
                built.Add(new RadSecClient(NewClient(entry), entry.CertificateSubject, max, _radSecMetrics.Connections.WithLabels(entry.Name)));
                continue;
            }

            // Unchanged entry: the same RadiusClient, so what it has shown (a valid Message-Authenticator under
            // "auto") still holds; changed: the next packet of its open connections uses the new settings, as UDP does.
            RadiusClient client = Same(kept.Client.Options, entry) ? kept.Client : NewClient(entry);
            kept.Update(client, entry.CertificateSubject, max);
            built.Add(kept);
        }

        (ClientNetwork, RadSecClient)[] byPrefix =
        [
            .. built
                .SelectMany(client => client.Client.Networks.Select(network => (Network: ClientNetwork.From(network), Client: client)))
                .OrderByDescending(entry => entry.Network.PrefixLength),
        ];
        return new Snapshot([.. built], byPrefix, generation);
    }

    private RadiusClient NewClient(ClientOptions entry) => new(entry, _metrics.ForClient(entry.Name));

    private static bool Same(ClientOptions a, ClientOptions b) =>
        a.Name == b.Name && a.Secret == b.Secret && a.Security == b.Security && a.CertificateSubject == b.CertificateSubject
        && a.Networks.SequenceEqual(b.Networks);

    private sealed record Snapshot(RadSecClient[] Clients, (ClientNetwork Network, RadSecClient Client)[] ByPrefix, int Generation);
}
