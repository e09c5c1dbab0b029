using System.Net;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// Forwards a CoA-Request to RouterOS's own RADIUS incoming service (<c>/radius/incoming</c>), re-signed with that
/// router's secret, and returns its answer as a driver result: RouterOS applies Mikrotik-Rate-Limit, Session-Timeout
/// and the other CoA attributes natively. Implemented over the RFC 5176 forwarder (Forwarder/); when none is
/// registered the Mikrotik driver changes rates through the API instead.
/// </summary>
public interface IRouterCoaForwarder
{
    ValueTask<DriverResult> ForwardAsync(DynamicAuthorizationRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken);
}
