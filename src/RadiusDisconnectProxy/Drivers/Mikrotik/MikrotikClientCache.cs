using System.Collections.Concurrent;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// One <see cref="RouterOsClient"/> (a pool of at most two logged-in connections) per Mikrotik NAS, created on first
/// use and kept for the life of the process, so a router sees one login per pooled connection, not one per request.
/// A NAS whose settings changed gets a new client; the old one is closed. Disposing sends <c>/quit</c> on every connection.
/// </summary>
public sealed class MikrotikClientCache : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (MikrotikNasSettings Settings, RouterOsClient Client)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>TCP connect timeout toward routers (short: an unreachable router must turn into NAK 506 quickly).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public RouterOsClient Get(NasTarget nas, MikrotikNasSettings settings)
    {
        ArgumentNullException.ThrowIfNull(nas);
        if (_clients.TryGetValue(nas.Name, out var entry) && entry.Settings == settings)
        {
            return entry.Client;
        }

        lock (_lock)
        {
            if (_clients.TryGetValue(nas.Name, out entry))
            {
                if (entry.Settings == settings)
                {
                    return entry.Client;
                }

                _ = entry.Client.DisposeAsync().AsTask();
            }

            var client = new RouterOsClient(CreateOptions(settings));
            _clients[nas.Name] = (settings, client);
            return client;
        }
    }

    public RouterOsClientOptions CreateOptions(MikrotikNasSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RouterOsClientOptions
        {
            Host = settings.ApiHost,
            Port = settings.ApiPort,
            UseTls = settings.ApiTls,
            CertificateFingerprint = settings.ApiTlsFingerprint,
            Username = settings.ApiUsername,
            Password = settings.ApiPassword,
            ConnectTimeout = ConnectTimeout,
            CommandTimeout = CommandTimeout,
            MaxConnections = 2,
        };
    }

    public async ValueTask DisposeAsync()
    {
        RouterOsClient[] clients;
        lock (_lock)
        {
            clients = _clients.Values.Select(e => e.Client).ToArray();
            _clients.Clear();
        }

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }
}
