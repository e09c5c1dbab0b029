using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// NAS <c>type = Mikrotik-Rest-API</c> (docs/mikrotik-rest.md): Disconnect-Requests remove every matching row of
/// <c>/ip/hotspot/active</c>, <c>/ppp/active</c> and, for Ethernet subscribers, <c>/ip/dhcp-server/lease</c> over
/// RouterOS v7 REST; CoAs are forwarded to the router's own RADIUS incoming service (with <c>coa_port</c>/<c>secret</c>)
/// or applied to the session's dynamic simple queue. The flow is the one both RouterOS types share
/// (<see cref="RouterDriverFlow"/>); answers follow docs/contracts.md; nothing is thrown for expected failures.
/// </summary>
public sealed class MikrotikRestDriver : INasDriver
{
    public const string TypeName = "Mikrotik-Rest-API";

    private readonly RestClientCache _clients;
    private readonly RouterDriverFlow _flow;

    public MikrotikRestDriver(RestClientCache clients, ILogger<MikrotikRestDriver> logger, IRouterCoaForwarder? coaForwarder = null)
    {
        _clients = clients;
        _flow = new RouterDriverFlow(new MikrotikRestDialect(logger), coaForwarder);
    }

    public string Type => TypeName;

    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nas);
        return nas.Settings is MikrotikRestNasSettings settings
            ? _flow.ExecuteAsync(request, nas, settings, () => new RestRouterSessions(_clients.Get(nas, settings)), cancellationToken)
            : ValueTask.FromResult(DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no Mikrotik-Rest-API settings"));
    }
}
