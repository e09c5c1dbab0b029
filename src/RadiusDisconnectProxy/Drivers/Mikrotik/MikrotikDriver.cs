using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// NAS <c>type = Mikrotik-API</c>: carries out Disconnect-Requests by removing the matching rows of
/// <c>/ip/hotspot/active</c> and <c>/ppp/active</c> through the RouterOS API, and rate-change CoAs either through the
/// router's own RADIUS incoming service (when <c>coa_port</c> and <c>secret</c> are set) or through the session's
/// dynamic simple queue. The flow is the one both RouterOS types share (<see cref="RouterDriverFlow"/>); answers follow
/// docs/contracts.md; nothing is thrown for expected failures.
/// </summary>
public sealed class MikrotikDriver : INasDriver
{
    private readonly MikrotikClientCache _clients;
    private readonly RouterDriverFlow _flow;

    public MikrotikDriver(MikrotikClientCache clients, ILogger<MikrotikDriver> logger, IRouterCoaForwarder? coaForwarder = null)
    {
        _clients = clients;
        _flow = new RouterDriverFlow(new MikrotikDialect(logger), coaForwarder);
    }

    public string Type => MikrotikNasType.TypeName;

    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nas);
        return nas.Settings is MikrotikNasSettings settings
            ? _flow.ExecuteAsync(request, nas, settings, () => new RouterSessions(_clients.Get(nas, settings), prefetchCookies: settings.RemoveCookies), cancellationToken)
            : ValueTask.FromResult(DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no Mikrotik settings"));
    }
}
