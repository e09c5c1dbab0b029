using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Finds the client entry for a datagram's source address (RFC 5176 §2.3: the source IP selects the shared secret;
/// §6.1: anything else is silently discarded). The most specific prefix wins; the scan allocates nothing.
/// </summary>
internal sealed class ClientRegistry
{
    private readonly (ClientNetwork Network, RadiusClient Client)[] _byPrefix;

    public ClientRegistry(ProxyOptions options, ProxyMetrics metrics)
    {
        // RadSec clients (proto = tls) are found by their connection, never by a datagram's source (docs/radsec.md).
        Clients = [.. options.Clients.Where(c => c.Proto == ClientProto.Udp).Select(c => new RadiusClient(c, metrics.ForClient(c.Name)))];
        _byPrefix =
        [
            .. Clients
                .SelectMany(client => client.Networks.Select(network => (Network: ClientNetwork.From(network), Client: client)))
                .OrderByDescending(entry => entry.Network.PrefixLength),
        ];
    }

    public IReadOnlyList<RadiusClient> Clients { get; }

    public RadiusClient? Find(UInt128 address)
    {
        foreach ((ClientNetwork network, RadiusClient client) in _byPrefix)
        {
            if (network.Contains(address))
            {
                return client;
            }
        }

        return null;
    }
}
