using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// One <see cref="RouterOsRestClient"/> (a few keep-alive connections on one <see cref="System.Net.Http.SocketsHttpHandler"/>)
/// per REST NAS, kept for the life of the process (<see cref="RouterClientCache{TSettings, TClient}"/>), so a router sees
/// one login per pooled connection, not one per request.
/// </summary>
public sealed class RestClientCache : RouterClientCache<MikrotikRestNasSettings, RouterOsRestClient>, IDisposable
{
    /// <summary>One request's deadline (RADIUSdesk's REST component uses 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called once per new client that accepts any certificate (<c>api_tls_verify = no</c>), for the warning.</summary>
    public Action<string>? OnUnverifiedTls { get; init; }

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
        foreach (RouterOsRestClient client in TakeAll())
        {
            client.Dispose();
        }
    }

    protected override RouterOsRestClient Create(NasTarget nas, MikrotikRestNasSettings settings)
    {
        if (settings.ApiTls && !settings.ApiTlsVerify)
        {
            OnUnverifiedTls?.Invoke(nas.Name);
        }

        return new RouterOsRestClient(CreateOptions(settings));
    }

    protected override void Retire(RouterOsRestClient client) => client.Dispose();
}
