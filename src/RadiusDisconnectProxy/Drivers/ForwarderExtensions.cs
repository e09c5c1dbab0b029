using System.Net;
using System.Runtime.CompilerServices;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// The RFC 5176 forwarder (a shared transport that knows no driver) seen from a driver: a
/// <see cref="DynamicAuthorizationRequest"/> in, a <see cref="DriverResult"/> out.
/// </summary>
public static class ForwarderExtensions
{
    /// <summary>Forwards to <paramref name="target"/> (per-NAS policy and timers) and relays its answer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<DriverResult> ForwardAsync(
        this RadiusForwarder forwarder, DynamicAuthorizationRequest request, ForwardingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forwarder);
        ArgumentNullException.ThrowIfNull(request);
        return ToDriverResult(await forwarder.ForwardAsync(ToForwardRequest(request), target, cancellationToken));
    }

    /// <summary>Forwards with default policy (Proxy-State appended, strict Message-Authenticator, RFC 5080 default timers).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<DriverResult> ForwardAsync(
        this RadiusForwarder forwarder, DynamicAuthorizationRequest request, IPEndPoint endpoint, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forwarder);
        ArgumentNullException.ThrowIfNull(request);
        return ToDriverResult(await forwarder.ForwardAsync(ToForwardRequest(request), endpoint, secret, cancellationToken));
    }

    private static ForwardRequest ToForwardRequest(DynamicAuthorizationRequest request) =>
        new(request.Code, request.Packet, request.ClientSecret, request.Client, request.Keys);

    private static DriverResult ToDriverResult(ForwardResult result) => new()
    {
        IsAck = result.IsAck,
        ErrorCause = result.ErrorCause,
        RelayedAttributes = result.RelayedAttributes,
        Detail = result.Detail,
    };
}
