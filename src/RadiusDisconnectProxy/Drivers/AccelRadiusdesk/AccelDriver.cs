using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>
/// NAS <c>type = AccelRadiusdesk</c> (docs/accel-ppp.md). With <c>dae_port</c>: the request is forwarded as RFC 5176 to
/// accel-ppp's <c>dae-server</c>, whose answers carry no Message-Authenticator and echo no Proxy-State (the forwarder
/// matches by Identifier and the client's Proxy-States are restored on our answer); its ACK, NAK 403 and NAK 503 are
/// relayed. Without: the session's <c>accel_sessions</c> row is flagged as RADIUSdesk does, and the ACK means "queued".
/// </summary>
public sealed class AccelDriver : INasDriver
{
    public const string TypeName = "AccelRadiusdesk";

    private readonly RadiusForwarder? _forwarder;
    private readonly RadiusDeskDatabase? _database;
    private readonly ILogger<AccelDriver> _logger;
    private readonly ConcurrentDictionary<AccelNasSettings, ForwardingTarget> _targets = new();

    internal AccelDriver(RadiusForwarder? forwarder, RadiusDeskDatabase? database, ILogger<AccelDriver> logger)
    {
        _forwarder = forwarder;
        _database = database;
        _logger = logger;
    }

    public string Type => TypeName;

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nas);
        if (nas.Settings is not AccelNasSettings settings)
        {
            return DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS entry has no AccelRadiusdesk settings");
        }

        if (settings.Forwards)
        {
            if (_forwarder is null)
            {
                return DriverResult.Nak(ErrorCause.OtherProxyProcessingError, "no RFC 5176 forwarder is running");
            }

            // One target per settings: the secret's HMAC state is computed once, and the forwarder caches its channel on it.
            ForwardingTarget target = _targets.GetOrAdd(settings, static s => new ForwardingTarget(s.DaeEndpoint!, s.Secret!) { Timers = s.Timers });
            AccelLog.Forwarding(_logger, nas.Name, target.Endpoint);
            return await _forwarder.ForwardAsync(request, target, cancellationToken);
        }

        return request.IsDisconnect
            ? await QueueAsync(request, nas, cancellationToken)
            : DriverResult.Nak(ErrorCause.UnsupportedAttribute, "without dae_port an accel-ppp session can only be disconnected");
    }

    private async ValueTask<DriverResult> QueueAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        if (_database is null)
        {
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "without dae_port AccelRadiusdesk needs the radiusdesk database");
        }

        if (request.Keys.AcctSessionId is not { Length: > 0 } sessionId)
        {
            return DriverResult.Nak(ErrorCause.MissingAttribute, "accel_sessions are flagged by sid: Acct-Session-Id is needed");
        }

        int? rows = await AccelSessionFlag.SetAsync(_database, sessionId, cancellationToken);
        if (rows is null)
        {
            AccelLog.DatabaseUnavailable(_logger, nas.Name, sessionId);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "RADIUSdesk database unavailable");
        }

        if (rows == 0)
        {
            AccelLog.NoSession(_logger, nas.Name, sessionId);
            return DriverResult.Nak(ErrorCause.SessionContextNotFound, "no open session with an accel_sessions row for sid " + sessionId);
        }

        AccelLog.Queued(_logger, nas.Name, sessionId, rows.Value);
        return DriverResult.Ack($"queued: accel_sessions sid {sessionId} flagged; the accel-ppp server terminates it at its next report (about 60 s)");
    }
}
