using System.Net;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// <see cref="IRouterCoaForwarder"/> over the RFC 5176 forwarder: the CoA is re-signed with the router's secret, sent
/// to <c>/radius/incoming</c> with RFC 5080 retransmissions, and RouterOS's ACK/NAK relayed as is.
/// </summary>
public sealed class RadiusForwarderCoaForwarder : IRouterCoaForwarder
{
    private readonly RadiusForwarder _forwarder;

    public RadiusForwarderCoaForwarder(RadiusForwarder forwarder)
    {
        _forwarder = forwarder;
    }

    /// <summary>The registered <see cref="IRouterCoaForwarder"/>, else one over the registered RFC 5176 forwarder, else null.</summary>
    public static IRouterCoaForwarder? Resolve(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(IRouterCoaForwarder)) as IRouterCoaForwarder
            ?? (services.GetService(typeof(RadiusForwarder)) is RadiusForwarder forwarder ? new RadiusForwarderCoaForwarder(forwarder) : null);
    }

    public ValueTask<DriverResult> ForwardAsync(DynamicAuthorizationRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken)
        => _forwarder.ForwardAsync(request, endpoint, secret, cancellationToken);
}
