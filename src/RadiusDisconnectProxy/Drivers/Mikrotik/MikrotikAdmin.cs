using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// <c>nas test</c> (RADIUSdesk's "Test API Connection": log in, print <c>/system/resource/print</c>) and
/// <c>sessions list|kick</c> over the RouterOS API, one short-lived connection per call.
/// </summary>
internal sealed class MikrotikAdmin : RouterAdmin<MikrotikNasSettings>
{
    private static readonly MikrotikClientCache s_options = new() { ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(15) };

    protected override (IRouterSessions Sessions, IAsyncDisposable Client) Open(MikrotikNasSettings settings)
    {
        var client = new RouterOsClient(s_options.CreateOptions(settings) with { MaxConnections = 1 });
        return (new RouterSessions(client), client);
    }
}
