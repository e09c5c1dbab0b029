using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

public sealed partial class RouterDriverFlow
{
    /// <summary>
    /// CoA (FUP). With <c>coa_port</c> and <c>secret</c> the request goes to RouterOS's own RADIUS incoming service,
    /// which applies Mikrotik-Rate-Limit and the other CoA attributes natively (the sure path). Otherwise the session's
    /// dynamic simple queue (<c>&lt;hotspot-USER&gt;</c> / <c>&lt;pppoe-USER&gt;</c>) gets the new <c>max-limit</c>; the
    /// hotspot active table itself has no writable rate. Nothing applicable, or "can not change dynamic" → NAK 401
    /// (docs/contracts.md).
    /// </summary>
    private async Task<DriverResult> ChangeAuthorizationAsync(DynamicAuthorizationRequest request, NasTarget nas,
        RouterOsNasSettings settings, Func<IRouterSessions> open, CancellationToken cancellationToken)
    {
        if (settings.CoaEndpoint is { } endpoint && settings.Secret is { } secret)
        {
            if (_coaForwarder is not null)
            {
                _dialect.ForwardingCoa(nas.Name, endpoint);
                return await _coaForwarder.ForwardAsync(request, endpoint, secret, cancellationToken);
            }

            _dialect.NoForwarder(nas.Name);
        }

        if (RateLimit.From(request) is not { } rate)
        {
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                $"nothing {_dialect.Transport} can apply (only rate limits; set coa_port and secret to forward other CoAs)");
        }

        if (!rate.TryGetQueueProperties(out IReadOnlyList<KeyValuePair<string, string>> properties))
        {
            return DriverResult.Nak(ErrorCause.InvalidAttributeValue, "malformed rate limit");
        }

        IRouterSessions sessions = open();
        (IReadOnlyList<RouterSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        foreach (RouterSession session in matches)
        {
            if (await ApplyRateAsync(nas, sessions, session, rate, properties, cancellationToken) is { } failure)
            {
                return failure;
            }
        }

        return DriverResult.Ack($"rate {rate.Text} applied to {matches.Count} sessions");
    }

    private async Task<DriverResult?> ApplyRateAsync(NasTarget nas, IRouterSessions sessions, RouterSession session, RateLimit rate,
        IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
    {
        // A DHCP lease has no session queue.
        Row? queue = session.Table == RouterSessionTable.DhcpLease ? null : await sessions.FindQueueAsync(session.QueueName, cancellationToken);
        if (queue?.Id is not { } queueId)
        {
            _dialect.RateNotApplied(nas.Name, session.User, "no queue " + session.QueueName);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                $"session has no queue {session.QueueName} (no rate limit at login); set coa_port and secret to forward the CoA");
        }

        try
        {
            await sessions.SetQueueAsync(queueId, properties, cancellationToken);
        }
        catch (RouterOsException refused) when (refused.Cause == RouterOsErrorCause.Trap)
        {
            // e.g. "failure: can not change dynamic" on RouterOS versions that lock dynamic queues.
            string text = _dialect.RefusalText(refused);
            _dialect.RateNotApplied(nas.Name, session.User, text);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute, "router refused the rate change: " + text);
        }

        _dialect.RateChanged(nas.Name, session, rate.Text);
        return null;
    }
}
