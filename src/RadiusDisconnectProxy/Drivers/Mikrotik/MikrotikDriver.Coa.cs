using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

public sealed partial class MikrotikDriver
{
    /// <summary>
    /// CoA (FUP). With <c>coa_port</c> and <c>secret</c> the request goes to RouterOS's own RADIUS incoming service,
    /// which applies Mikrotik-Rate-Limit and the other CoA attributes natively. Otherwise the API path: the session's
    /// dynamic simple queue (<c>&lt;hotspot-USER&gt;</c> / <c>&lt;pppoe-USER&gt;</c>) gets the new <c>max-limit</c>;
    /// the hotspot active table itself has no writable rate. Nothing applicable → NAK 401 (docs/contracts.md).
    /// </summary>
    private async Task<DriverResult> ChangeAuthorizationAsync(DynamicAuthorizationRequest request, NasTarget nas,
        MikrotikNasSettings settings, CancellationToken cancellationToken)
    {
        if (settings.CoaEndpoint is { } endpoint && settings.Secret is { } secret)
        {
            if (_coaForwarder is not null)
            {
                MikrotikLog.ForwardingCoa(_logger, nas.Name, endpoint);
                return await _coaForwarder.ForwardAsync(request, endpoint, secret, cancellationToken);
            }

            MikrotikLog.NoForwarder(_logger, nas.Name);
        }

        if (RateLimit.From(request) is not { } rate)
        {
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                "nothing the RouterOS API can apply (only rate limits; set coa_port and secret to forward other CoAs)");
        }

        if (!rate.TryGetQueueProperties(out IReadOnlyList<KeyValuePair<string, string>> properties))
        {
            return DriverResult.Nak(ErrorCause.InvalidAttributeValue, "malformed rate limit");
        }

        var sessions = new RouterSessions(_clients.Get(nas, settings));
        (IReadOnlyList<ActiveSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        foreach (ActiveSession session in matches)
        {
            if (await ApplyRateAsync(nas, sessions, session, rate, properties, cancellationToken) is { } failure)
            {
                return failure;
            }
        }

        return DriverResult.Ack($"rate {rate.Text} applied to {matches.Count} sessions");
    }

    private async Task<DriverResult?> ApplyRateAsync(NasTarget nas, RouterSessions sessions, ActiveSession session, RateLimit rate,
        IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
    {
        Row? queue = await sessions.FindQueueAsync(session.QueueName, cancellationToken);
        if (queue?.Id is not { } queueId)
        {
            MikrotikLog.RateNotApplied(_logger, nas.Name, session.User, "no queue " + session.QueueName);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                $"session has no queue {session.QueueName} (no rate limit at login); set coa_port and secret to forward the CoA");
        }

        try
        {
            await sessions.SetQueueAsync(queueId, properties, cancellationToken);
        }
        catch (RouterOsTrapException trap)
        {
            // e.g. "failure: can not change dynamic" on RouterOS versions that lock dynamic queues.
            MikrotikLog.RateNotApplied(_logger, nas.Name, session.User, trap.RouterMessage);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute, "router refused the rate change: " + trap.RouterMessage);
        }

        MikrotikLog.RateChanged(_logger, nas.Name, session.User, session.Table, rate.Text, session.QueueName);
        return null;
    }
}
