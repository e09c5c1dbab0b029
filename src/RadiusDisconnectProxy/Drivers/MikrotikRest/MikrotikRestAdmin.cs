using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs.Rest;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// <c>nas test</c> (<c>GET /rest/system/resource</c>, as RADIUSdesk's REST "Test" does) and <c>sessions list|kick</c>
/// over RouterOS REST, one short-lived client per call.
/// </summary>
internal sealed class MikrotikRestAdmin : RouterAdmin<MikrotikRestNasSettings>
{
    private static readonly RestClientCache s_options = new() { ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(15) };

    protected override (IRouterSessions Sessions, IAsyncDisposable Client) Open(MikrotikRestNasSettings settings)
    {
        var client = new RouterOsRestClient(s_options.CreateOptions(settings) with { MaxConnections = 2 });
        return (new RestRouterSessions(client), new Closing(client));
    }

    /// <summary>The REST client closes synchronously.</summary>
    private sealed class Closing(RouterOsRestClient client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
