using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The RadSec clients, found by a connection's remote address (most specific prefix first), before the TLS handshake:
/// an address that is no <c>proto = tls</c> client never gets one (RFC 6614 §2.4: the server decides who may connect).
/// </summary>
internal sealed class RadSecClients
{
    private readonly (ClientNetwork Network, RadSecClient Client)[] _byPrefix;

    public RadSecClients(ProxyOptions options, ProxyMetrics metrics, RadSecMetrics radSecMetrics)
    {
        int max = options.ListenTls?.MaxConnectionsPerClient ?? 1;
        List<RadSecClient> clients =
        [
            .. options.Clients.Where(c => c.Proto == ClientProto.Tls)
                .Select(c => new RadSecClient(new RadiusClient(c, metrics.ForClient(c.Name)), c.CertificateSubject, max,
                    radSecMetrics.Connections.WithLabels(c.Name))),
        ];
        _byPrefix =
        [
            .. clients
                .SelectMany(client => client.Client.Networks.Select(network => (Network: ClientNetwork.From(network), Client: client)))
                .OrderByDescending(entry => entry.Network.PrefixLength),
        ];
    }

    public RadSecClient? Find(UInt128 address)
    {
        foreach ((ClientNetwork network, RadSecClient client) in _byPrefix)
        {
            if (network.Contains(address))
            {
                return client;
            }
        }

        return null;
    }
}
