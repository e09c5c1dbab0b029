using System.Collections.Concurrent;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

/// <summary>
/// One client (a small pool of logged-in connections) per RouterOS NAS, created on first use and kept for the life of
/// the process, so a router sees one login per pooled connection, not one per request. A NAS whose settings changed
/// gets a new client; the old one is retired (closed).
/// </summary>
public abstract class RouterClientCache<TSettings, TClient>
    where TSettings : RouterOsNasSettings
    where TClient : class
{
    private readonly ConcurrentDictionary<string, (TSettings Settings, TClient Client)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>TCP connect timeout toward routers (short: an unreachable router must turn into NAK 506 quickly).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TClient Get(NasTarget nas, TSettings settings)
    {
        ArgumentNullException.ThrowIfNull(nas);
        ArgumentNullException.ThrowIfNull(settings);
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

                Retire(entry.Client);
            }

            TClient client = Create(nas, settings);
            _clients[nas.Name] = (settings, client);
            return client;
        }
    }

    protected abstract TClient Create(NasTarget nas, TSettings settings);

    /// <summary>Closes a client that is no longer used (settings changed).</summary>
    protected abstract void Retire(TClient client);

    /// <summary>Empties the cache and hands back every client, for disposal.</summary>
    protected IReadOnlyList<TClient> TakeAll()
    {
        lock (_lock)
        {
            TClient[] clients = [.. _clients.Values.Select(e => e.Client)];
            _clients.Clear();
            return clients;
        }
    }
}
