using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// One <see cref="RouterOsClient"/> (a pool of at most two logged-in connections) per Mikrotik NAS, kept for the life of
/// the process (<see cref="RouterClientCache{TSettings, TClient}"/>). Disposing sends <c>/quit</c> on every connection.
/// </summary>
public sealed class MikrotikClientCache : RouterClientCache<MikrotikNasSettings, RouterOsClient>, IAsyncDisposable
{
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

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

    public async ValueTask DisposeAsync() => await Task.WhenAll(TakeAll().Select(c => c.DisposeAsync().AsTask()));

    protected override RouterOsClient Create(NasTarget nas, MikrotikNasSettings settings) => new(CreateOptions(settings));

    protected override void Retire(RouterOsClient client) => _ = client.DisposeAsync().AsTask();
}
