using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Finds the client entry for a datagram's source address (RFC 5176 §2.3: the source IP selects the shared secret;
/// §6.1: anything else is silently discarded). The most specific prefix wins; the scan allocates nothing. The table is
/// an immutable snapshot that a SIGHUP reload swaps whole (<see cref="Replace"/>): a request keeps the client it was
/// matched to, so requests in flight are not disturbed.
/// </summary>
internal sealed class ClientRegistry
{
    private readonly ProxyMetrics _metrics;
    private volatile Snapshot _current;

    public ClientRegistry(ProxyOptions options, ProxyMetrics metrics)
    {
        _metrics = metrics;
        _current = Build(options.Clients, previous: null);
    }

    public IReadOnlyList<RadiusClient> Clients => _current.Clients;

    public RadiusClient? Find(UInt128 address)
    {
        foreach ((ClientNetwork network, RadiusClient client) in _current.ByPrefix)
        {
            if (network.Contains(address))
            {
                return client;
            }
        }

        return null;
    }

    /// <summary>
    /// Installs a new client list. A client whose entry did not change is kept as it is, so what it has shown (a valid
    /// Message-Authenticator under <c>auto</c>) still holds after the reload.
    /// </summary>
    public void Replace(IReadOnlyList<ClientOptions> clients) => _current = Build(clients, _current);

    private Snapshot Build(IReadOnlyList<ClientOptions> clients, Snapshot? previous)
    {
        // RadSec clients (proto = tls) are found by their connection, never by a datagram's source (docs/radsec.md).
        RadiusClient[] built = [.. clients.Where(c => c.Proto == ClientProto.Udp).Select(c => previous?.Clients.FirstOrDefault(p => p.Options is { } o && Same(o, c)) ?? new RadiusClient(c, _metrics.ForClient(c.Name)))];
        (ClientNetwork, RadiusClient)[] byPrefix =
        [
            .. built
                .SelectMany(client => client.Networks.Select(network => (Network: ClientNetwork.From(network), Client: client)))
                .OrderByDescending(entry => entry.Network.PrefixLength),
        ];
        return new Snapshot(built, byPrefix);
    }

    private static bool Same(ClientOptions a, ClientOptions b) =>
        a.Name == b.Name && a.Secret == b.Secret && a.Security == b.Security && a.Networks.SequenceEqual(b.Networks);

    private sealed record Snapshot(RadiusClient[] Clients, (ClientNetwork Network, RadiusClient Client)[] ByPrefix);
}
