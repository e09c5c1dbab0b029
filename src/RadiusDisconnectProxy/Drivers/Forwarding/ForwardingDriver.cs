using System.Runtime.CompilerServices;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>
/// NAS <c>type = other</c>: the NAS has its own RFC 5176 DAS; the request is forwarded to it and its ACK/NAK relayed
/// (docs/forwarding.md). All the work is in <see cref="RadiusForwarder"/>; this class maps a <see cref="NasTarget"/> to a
/// cached <see cref="ForwardingTarget"/>.
/// </summary>
public sealed class ForwardingDriver(RadiusForwarder forwarder) : INasDriver
{
    // Keyed by reference: one ForwardingTarget (precomputed secret, cached channel) per configured NAS object.
    private readonly ConditionalWeakTable<NasTarget, ForwardingTarget> _targets = new();

    public string Type => ForwardingNasType.TypeName;

    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not ForwardingNasSettings settings)
        {
            return ValueTask.FromResult(DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no forwarding settings"));
        }

        ForwardingTarget target = _targets.GetValue(nas, static n => ToTarget((ForwardingNasSettings)n.Settings));
        return forwarder.ForwardAsync(request, target, cancellationToken);
    }

    private static ForwardingTarget ToTarget(ForwardingNasSettings settings) =>
        new(settings.CoaEndpoint, settings.Secret)
        {
            StripProxyState = settings.StripProxyState,
            AcceptZeroedMessageAuthenticator = settings.AcceptZeroedMessageAuthenticator,
            Timers = settings.Timers,
        };
}
