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

    public ValueTask<DriverResult> ForwardAsync(DynamicAuthorizationRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken)
        => _forwarder.ForwardAsync(request, endpoint, secret, cancellationToken);
}
