using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

public sealed partial class MikrotikRestDriver
{
    /// <summary>
    /// CoA (FUP), as <c>Mikrotik-API</c> does: with <c>coa_port</c> and <c>secret</c> the request goes to RouterOS's own
    /// RADIUS incoming service, which applies Mikrotik-Rate-Limit and the other CoA attributes natively (the sure path).
    /// Otherwise the session's dynamic simple queue gets the new <c>max-limit</c> by PATCH; where RouterOS answers
    /// "can not change dynamic", or nothing applicable is carried, NAK 401 (docs/contracts.md).
    /// </summary>
    private async Task<DriverResult> ChangeAuthorizationAsync(DynamicAuthorizationRequest request, NasTarget nas,
        MikrotikRestNasSettings settings, CancellationToken cancellationToken)
    {
        if (settings.CoaEndpoint is { } endpoint && settings.Secret is { } secret && _coaForwarder is not null)
        {
            MikrotikRestLog.ForwardingCoa(_logger, nas.Name, endpoint);
            return await _coaForwarder.ForwardAsync(request, endpoint, secret, cancellationToken);
        }

        if (RateLimit.From(request) is not { } rate)
        {
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                "nothing RouterOS REST can apply (only rate limits; set coa_port and secret to forward other CoAs)");
        }

        if (!rate.TryGetQueueProperties(out IReadOnlyList<KeyValuePair<string, string>> properties))
        {
            return DriverResult.Nak(ErrorCause.InvalidAttributeValue, "malformed rate limit");
        }

        var sessions = new RestRouterSessions(_clients.Get(nas, settings));
        (IReadOnlyList<RestSession> matches, DriverResult? refusal) = await FindTargetsAsync(request, sessions, settings, cancellationToken);
        if (refusal is { } nak)
        {
            return nak;
        }

        foreach (RestSession session in matches)
        {
            if (await ApplyRateAsync(nas, sessions, session, rate, properties, cancellationToken) is { } failure)
            {
                return failure;
            }
        }

        return DriverResult.Ack($"rate {rate.Text} applied to {matches.Count} sessions");
    }

    private async Task<DriverResult?> ApplyRateAsync(NasTarget nas, RestRouterSessions sessions, RestSession session, RateLimit rate,
        IReadOnlyList<KeyValuePair<string, string>> properties, CancellationToken cancellationToken)
    {
        Row? queue = session.Table == RestSessionTable.DhcpLease ? null : await sessions.FindQueueAsync(session.QueueName, cancellationToken);
        if (queue?.Id is not { } queueId)
        {
            MikrotikRestLog.RateNotApplied(_logger, nas.Name, session.User, "no queue " + session.QueueName);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute,
                $"session has no queue {session.QueueName} (no rate limit at login); set coa_port and secret to forward the CoA");
        }

        try
        {
            await sessions.SetQueueAsync(queueId, properties, cancellationToken);
        }
        catch (RouterOsRestException refused) when (refused.Cause == RouterOsErrorCause.Trap)
        {
            // "failure: can not change dynamic" on RouterOS versions that lock dynamic queues.
            MikrotikRestLog.RateNotApplied(_logger, nas.Name, session.User, refused.Detail ?? refused.RouterMessage);
            return DriverResult.Nak(ErrorCause.UnsupportedAttribute, "router refused the rate change: " + (refused.Detail ?? refused.RouterMessage));
        }

        MikrotikRestLog.RateChanged(_logger, nas.Name, session.User, session.Table, rate.Text, session.QueueName);
        return null;
    }
}
