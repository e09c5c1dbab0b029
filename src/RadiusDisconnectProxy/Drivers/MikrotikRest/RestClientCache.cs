using System.Collections.Concurrent;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// One <see cref="RouterOsRestClient"/> (a few keep-alive connections) per REST NAS, created on first use and kept, so a
/// router sees one login per pooled connection, not one per request. A NAS whose settings changed gets a new client.
/// </summary>
public sealed class RestClientCache : IDisposable
{
    private readonly ConcurrentDictionary<string, (MikrotikRestNasSettings Settings, RouterOsRestClient Client)> _clients =
        new(StringComparer.Ordinal);

    private readonly Lock _lock = new();

    /// <summary>TCP connect timeout toward routers (short: an unreachable router must turn into NAK 506 quickly).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One request's deadline (RADIUSdesk's REST component uses 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called once per new client that accepts any certificate (<c>api_tls_verify = no</c>), for the warning.</summary>
    public Action<string>? OnUnverifiedTls { get; init; }

    public RouterOsRestClient Get(NasTarget nas, MikrotikRestNasSettings settings)
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

                entry.Client.Dispose();
            }

            if (settings.ApiTls && !settings.ApiTlsVerify)
            {
                OnUnverifiedTls?.Invoke(nas.Name);
            }

            var client = new RouterOsRestClient(CreateOptions(settings));
            _clients[nas.Name] = (settings, client);
            return client;
        }
    }

    public RouterOsRestOptions CreateOptions(MikrotikRestNasSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RouterOsRestOptions
        {
            Host = settings.ApiHost,
            Port = settings.ApiPort,
            UseTls = settings.ApiTls,
            CertificateFingerprint = settings.ApiTlsFingerprint,
            VerifyCertificate = settings.ApiTlsVerify,
            Username = settings.ApiUsername,
            Password = settings.ApiPassword,
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = RequestTimeout,
        };
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach ((MikrotikRestNasSettings _, RouterOsRestClient client) in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
